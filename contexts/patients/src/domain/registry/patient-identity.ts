import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '@hcms/shared-kernel';

/**
 * Patients registered under one identity key (a digest of name and date of birth, never the
 * values themselves): registration reads it to flag possible duplicates instead of silently
 * creating the same person twice.
 */
export const IdentityClaimed = t.type({ type: t.literal('IdentityClaimed'), data: t.type({ patientId: t.string }) }, 'IdentityClaimed');
export type IdentityClaimed = t.TypeOf<typeof IdentityClaimed>;

export interface ClaimIdentity {
  readonly type: 'ClaimIdentity';
  readonly patientId: string;
}

export type IdentityState = { readonly patientIds: readonly string[] };

export const identityStream = (identityKey: string): string => `patientIdentity-${identityKey}`;

export const patientIdentity: Decider<ClaimIdentity, IdentityClaimed, IdentityState, never> = {
  initialState: { patientIds: [] },
  decide: (cmd, state) =>
    E.right(state.patientIds.includes(cmd.patientId) ? [] : [{ type: 'IdentityClaimed', data: { patientId: cmd.patientId } }]),
  evolve: (state, event) => ({ patientIds: [...state.patientIds, event.data.patientId] }),
};
