import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@hcms/shared-kernel';

/**
 * One stream per identity-key secret (`patientIdentityIndex-<fingerprint>`): it records that the
 * index under that secret was rebuilt from the patients' registrations, up to a log position.
 * A new secret has no such record, so the first registration under it rebuilds the index
 * before it relies on it; the secret itself never appears, only a fingerprint of it.
 */
export const IdentityIndexBuilt = t.type({ type: t.literal('IdentityIndexBuilt'), data: t.type({ upTo: t.number }) }, 'IdentityIndexBuilt');
export type IdentityIndexBuilt = t.TypeOf<typeof IdentityIndexBuilt>;

export interface MarkIndexBuilt {
  readonly type: 'MarkIndexBuilt';
  readonly upTo: number;
}

export type IdentityIndexState = { readonly builtUpTo?: number };

export const identityIndexStream = (fingerprint: string): string => `patientIdentityIndex-${fingerprint}`;

export const identityIndex: Decider<MarkIndexBuilt, IdentityIndexBuilt, IdentityIndexState, never> = {
  initialState: {},
  decide: (cmd, state) => E.right(state.builtUpTo === undefined ? [{ type: 'IdentityIndexBuilt', data: { upTo: cmd.upTo } }] : []),
  evolve: (_state, event) => ({ builtUpTo: event.data.upTo }),
};
