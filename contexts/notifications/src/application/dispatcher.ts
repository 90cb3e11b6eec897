import * as E from 'fp-ts/lib/Either.js';
import { addSeconds, replay, runCommand, toDomainEvent, type CommandContext } from '@hcms/shared-kernel';
import { notificationEvents, notificationStream } from '../contract.js';
import type { DeliveryOutcome, NotificationCommand } from '../domain/notification.commands.js';
import { claimRefusal, type ActiveNotification, type Claim, type NotificationState } from '../domain/notification.state.js';
import { recipientOf, WITHHELD, type Recipient, type Withheld } from '../domain/recipient.rules.js';
import { staffRecipientOf, type Unreachable } from '../domain/staff-recipient.rules.js';
import { notificationAggregate } from './aggregate.js';
import { roundText } from './messages.js';
import type { DueNotifications, NotificationChannel, NotificationsDeps } from './notifications.deps.js';

export interface DispatcherIdentity {
  /** Unique per running dispatcher: claims name it, and only its own claim lets it record an outcome. */
  readonly dispatcher: string;
  /** How long a claim holds; longer than a channel may take to answer, or a slow send is taken over. */
  readonly leaseSeconds: number;
  readonly limit?: number;
}

/** The notification as its stream has it, at which version, and the scheduling event its outcome is caused by. */
const load = async (deps: NotificationsDeps, stream: string) => {
  const history = await deps.store.readStream(stream);
  const state = replay(
    notificationAggregate.decider,
    history.map((e) => toDomainEvent(notificationEvents, e)),
  );
  const [first, last] = [history[0], history[history.length - 1]];
  return state.status === 'none' || !first || !last ? undefined : { notification: state, scheduled: first, version: last.version };
};

/**
 * Whom to send to now, read at send time so a later opt-out, death, new address or on-call
 * contact counts: a patient from their contact details, staff from the staff directory. A
 * directory that cannot be read makes the attempt fail (and be retried), not the whole round.
 */
const recipientFor = async (deps: NotificationsDeps, n: ActiveNotification): Promise<Recipient | Withheld | Unreachable> => {
  // What it said is gone (its text reads "(erased)"), and nobody is to be told more about that patient.
  if (n.detailsErased) return WITHHELD.erased;
  if (n.audience === 'patient') return recipientOf(await deps.contacts.contactOf(n.patientId));
  try {
    const [member, onCall] = await Promise.all([
      n.staffId === undefined ? undefined : deps.staff.contactOf(n.staffId),
      deps.staff.onCall(),
    ]);
    return staffRecipientOf(n.round, n.escalation, member, onCall);
  } catch (error) {
    return { unreachable: `staff directory: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/**
 * Where the message may already be at the channel (a takeover, a retry after a timeout) the
 * channel is asked first, where it can be; otherwise, or if it has nothing, sent under the same key.
 */
const deliver = async (channel: NotificationChannel, n: ActiveNotification, claim: Claim): Promise<DeliveryOutcome> => {
  const { notificationId, subject } = n;
  const body = n.escalation ? roundText(n.body, n.round) : n.body;
  const { channel: via, to, idempotencyKey } = claim;
  try {
    const known = claim.askFirst && channel.lookup ? await channel.lookup({ channel: via, idempotencyKey }) : undefined;
    return { ok: true, ...(known ?? (await channel.send({ notificationId, channel: via, to, subject, body, idempotencyKey }))) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Sends what is due, each notification by one dispatcher only: it appends a claim with the
 * version it read (a concurrent dispatcher loses on that version and leaves the notification),
 * reads the recipient's address at that moment, sends under the claim's idempotency key and
 * records the outcome only while the claim is still its own. Recording a send of an escalating
 * message schedules its next round, which a later pass finds due.
 */
export const dispatchDue = async (
  deps: NotificationsDeps,
  due: DueNotifications,
  channel: NotificationChannel,
  identity: DispatcherIdentity,
): Promise<number> => {
  let sent = 0;
  for (const notificationId of await due.due(deps.clock.now().toISOString(), identity.limit ?? 50)) {
    const stream = notificationStream(notificationId);
    const now = deps.clock.now().toISOString();
    const loaded = await load(deps, stream);
    // The read model may lag behind the stream: what it lists as due may be sent or held already.
    if (!loaded || claimRefusal(loaded.notification, now)) continue;
    const before = loaded.notification;
    const ctx: CommandContext = {
      actor: { id: 'notifications.dispatcher', role: 'admin' },
      correlationId: loaded.scheduled.metadata.correlationId,
      causationId: loaded.scheduled.id,
      now: deps.clock.now(),
    };
    const options = { patientId: before.patientId };
    const claim: NotificationCommand = {
      type: 'ClaimDispatch',
      dispatcher: identity.dispatcher,
      at: now,
      leaseUntil: addSeconds(now, identity.leaseSeconds),
      recipient: await recipientFor(deps, before),
      retry: deps.retry,
    };
    const { decide, evolve } = notificationAggregate.decider;
    const decision = decide(claim, before);
    if (E.isLeft(decision)) continue;
    // Appended only onto the version decided on: a stream that changed since (another dispatcher
    // claimed it) is skipped, not decided again, so the claim below is the one appended.
    const claimed = await runCommand(deps, notificationAggregate, stream, claim, ctx, { ...options, expectedVersion: loaded.version });
    if (E.isLeft(claimed)) continue;
    const mine = decision.right.reduce<NotificationState>(evolve, before);
    // A withheld recipient cancels instead of claiming; an unreachable one fails the attempt.
    if (mine.status !== 'scheduled' || mine.claim?.dispatcher !== identity.dispatcher) continue;
    const outcome = await deliver(channel, mine, mine.claim);
    const recorded = await runCommand(
      deps,
      notificationAggregate,
      stream,
      { type: 'RecordDeliveryOutcome', dispatcher: identity.dispatcher, at: deps.clock.now().toISOString(), outcome, retry: deps.retry },
      ctx,
      options,
    );
    if (E.isRight(recorded) && outcome.ok) sent++;
  }
  return sent;
};
