import * as t from 'io-ts';
import { IntFromQuery, withSchema } from '@hcms/shared-kernel';

/** `?minPosition=` — the position a command returned: answer only once it is applied. */
export const MinPosition = t.partial({ minPosition: IntFromQuery(0, Number.MAX_SAFE_INTEGER) });

export const Pagination = t.partial({
  limit: IntFromQuery(1, 100),
  cursor: withSchema(t.string, { type: 'string', description: 'the `next` value of the previous page' }),
});
