import type { Escalation } from './notification.events.js';
import { addressOf, type Addresses, type Recipient } from './recipient.rules.js';

/** How to reach a member of staff, or the on-call contact, from the staff directory. */
export type StaffContact = Addresses;

/**
 * Nobody to send a staff message to. Unlike a patient's withheld message it is not cancelled: a
 * critical result must reach someone, so it is a failed attempt, retried and then listed for operators.
 */
export type Unreachable = { readonly unreachable: string };

export const UNREACHABLE = {
  nobody: { unreachable: 'neither the staff member nor the on-call contact has an address' },
} as const satisfies Record<string, Unreachable>;

export const isUnreachable = (r: object): r is Unreachable => 'unreachable' in r;

/** Rounds after the first `onCallAfterRounds` go to the on-call contact; a message that does not escalate has one round. */
export const isOnCallRound = (round: number, escalation: Escalation | undefined): boolean =>
  escalation !== undefined && round > escalation.onCallAfterRounds;

/**
 * Whom a staff message's round goes to: the staff member, or the on-call contact once the rounds
 * for the member are spent. Either stands in for the other when it has no address, so a missing
 * entry in the directory hastens the escalation instead of stopping it.
 */
export const staffRecipientOf = (
  round: number,
  escalation: Escalation | undefined,
  member: StaffContact | undefined,
  onCall: StaffContact | undefined,
): Recipient | Unreachable => {
  const [first, second] = isOnCallRound(round, escalation) ? [onCall, member] : [member, onCall];
  return (first && addressOf(first)) ?? (second && addressOf(second)) ?? UNREACHABLE.nobody;
};
