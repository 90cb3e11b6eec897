import * as t from 'io-ts';
import { eventCodec, IsoDate, IsoDateTime, PositiveMoney } from '@hcms/shared-kernel';

/**
 * A service's price from a date on (stream `fee-<code>`). A later date adds a price; the same
 * date replaces the one set for it. Charges snapshot the price in force on their date of service,
 * so no edit here changes what was charged or invoiced.
 */
export const FeeSet = eventCodec(
  'FeeSet',
  t.type({ code: t.string, description: t.string, price: PositiveMoney, effectiveFrom: IsoDate, by: t.string, at: IsoDateTime }),
);

export const FeeEvent = FeeSet;
export type FeeEvent = t.TypeOf<typeof FeeSet>;
