import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { conflict, type Decider, type DomainError } from '@hcms/shared-kernel';

/**
 * Patients registered under one identity key (a keyed digest of name and date of birth, never
 * the values themselves). Registration claims the key before it records the patient, appending
 * at the version it read: of registrations racing for one person, one claims first and the
 * others find it there, so the index, not the timing, decides who is flagged.
 */
export const IdentityClaimed = t.type({ type: t.literal('IdentityClaimed'), data: t.type({ patientId: t.string }) }, 'IdentityClaimed');
export type IdentityClaimed = t.TypeOf<typeof IdentityClaimed>;
/** A claim whose registration was refused afterwards (its requested MRN was taken). */
export const IdentityReleased = t.type({ type: t.literal('IdentityReleased'), data: t.type({ patientId: t.string }) }, 'IdentityReleased');
export type IdentityReleased = t.TypeOf<typeof IdentityReleased>;
export const IdentityEvent = t.union([IdentityClaimed, IdentityReleased], 'IdentityEvent');
export type IdentityEvent = t.TypeOf<typeof IdentityEvent>;

export interface ClaimIdentity {
  readonly type: 'ClaimIdentity';
  readonly patientId: string;
  /** The patients already claiming the identity were checked: this is another person. */
  readonly notADuplicate: boolean;
}
export type IdentityCommand = ClaimIdentity | { readonly type: 'ReleaseIdentity'; readonly patientId: string };

export type IdentityState = { readonly patientIds: readonly string[] };
export type IdentityError = DomainError<'POSSIBLE_DUPLICATE'>;

const possibleDuplicate = (candidates: readonly string[]): IdentityError =>
  conflict('POSSIBLE_DUPLICATE', 'a patient with the same name and date of birth is already registered', {
    details: { candidates, hint: 'check the candidates; resend with notADuplicate: true if this is another person' },
  });

export const identityStream = (identityKey: string): string => `patientIdentity-${identityKey}`;

export const patientIdentity: Decider<IdentityCommand, IdentityEvent, IdentityState, IdentityError> = {
  initialState: { patientIds: [] },
  decide: (cmd, state) => {
    const known = state.patientIds.includes(cmd.patientId);
    if (cmd.type === 'ReleaseIdentity') return E.right(known ? [{ type: 'IdentityReleased', data: { patientId: cmd.patientId } }] : []);
    if (known) return E.right([]);
    if (state.patientIds.length > 0 && !cmd.notADuplicate) return E.left(possibleDuplicate(state.patientIds));
    return E.right([{ type: 'IdentityClaimed', data: { patientId: cmd.patientId } }]);
  },
  evolve: (state, event) =>
    event.type === 'IdentityClaimed'
      ? { patientIds: [...state.patientIds, event.data.patientId] }
      : { patientIds: state.patientIds.filter((id) => id !== event.data.patientId) },
};
