import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, requestContext, type CommandContext, type DomainError, type Role, type Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { IDEMPOTENCY_KEY } from './billing.requests.js';

export const TAGS = ['billing'];
/** Who moves money and corrects invoices. Clinicians never see amounts. */
export const CLERKS: readonly Role[] = ['billing-clerk', 'admin'];

/**
 * A command on a patient's account: the route builds it, the account decides. The answer carries the account's new
 * version and log position (pass it as `minPosition` to read your write).
 */
export const accountStep = <P extends { patientId: string }, B>(
  deps: BillingDeps,
  spec: {
    path: string;
    summary: string;
    roles?: readonly Role[];
    params: t.Type<P, unknown, unknown>;
    body?: t.Type<B, unknown, unknown>;
    errors?: readonly number[];
    successStatus?: number;
    /**
     * What the step creates (a refund, a write-off…), when it does: the route then takes an
     * Idempotency-Key, and the new thing's id is derived from it, so a retried request finds
     * what the first one made instead of making another.
     */
    creates?: string;
    run: (input: { params: P; body: B; ctx: CommandContext; newId: () => string }) => Promise<E.Either<DomainError, object>>;
  },
): Route =>
  defineRoute<P, unknown, B>({
    method: 'POST',
    path: `/patients/:patientId${spec.path}`,
    summary: spec.summary,
    tags: TAGS,
    roles: spec.roles ?? CLERKS,
    params: spec.params,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'Account' },
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.creates ? { headers: [IDEMPOTENCY_KEY] } : {}),
    errors: spec.errors ?? [404, 409, 422],
    ...(spec.successStatus ? { successStatus: spec.successStatus } : {}),
    handle: async (input) => {
      const key = input.headers?.[IDEMPOTENCY_KEY.name];
      const newId = () =>
        key === undefined || spec.creates === undefined ? deps.ids.next() : deps.derivedId(spec.creates, input.params.patientId, key);
      const result = await spec.run({ params: input.params, body: input.body, ctx: requestContext(input, deps.clock.now()), newId });
      return E.map((body: object) => {
        const { streamId: _stream, ...rest } = body as { streamId?: string };
        return { status: spec.successStatus ?? 200, body: { ...input.params, ...rest } };
      })(result);
    },
  });
