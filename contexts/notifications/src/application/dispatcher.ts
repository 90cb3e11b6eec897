import * as E from 'fp-ts/lib/Either.js';
import { addSeconds, replay, runCommand, toDomainEvent, type CommandContext } from '@hcms/shared-kernel';
import { notificationEvents, notificationStream } from '../contract.js';
import type { DeliveryOutcome } from '../domain/notification.commands.js';
import type { ActiveNotification, Claim } from '../domain/notification.state.js';
import { recipientOf } from '../domain/recipient.rules.js';
import { notificationAggregate } from './aggregate.js';
import type { DueNotifications, NotificationChannel, NotificationsDeps } from './notifications.deps.js';

export interface DispatcherIdentity {
  /** Unique per running dispatcher: claims name it, and only its own claim lets it record an outcome. */
  readonly dispatcher: string;
  /** How long a claim holds; longer than a channel may take to answer, or a slow send is taken over. */
  readonly leaseSeconds: number;
  readonly limit?: number;
}

/** The notification as its stream has it, and the scheduling event its outcome is caused by. */
const load = async (deps: NotificationsDeps, stream: string) => {
  const history = await deps.store.readStream(stream);
  const state = replay(
    notificationAggregate.decider,
    history.map((e) => toDomainEvent(notificationEvents, e)),
  );
  const first = history[0];
  return state.status === 'none' || !first ? undefined : { notification: state, scheduled: first };
};

/**
 * Where the message may already be at the channel (a takeover, a retry after a timeout) the
 * channel is asked first, where it can be; otherwise, or if it has nothing, sent under the same key.
 */
const deliver = async (channel: NotificationChannel, n: ActiveNotification, claim: Claim): Promise<DeliveryOutcome> => {
  const { notificationId, subject, body } = n;
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
 * version it read (a concurrent dispatcher loses on that version and finds the claim held),
 * reads the patient's contact at that moment, sends under the claim's idempotency key and
 * records the outcome only while the claim is still its own.
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
    if (!loaded) continue;
    // Cheap checks before claiming: the read model may lag behind the stream.
    const before = loaded.notification;
    if (before.status !== 'scheduled' || before.dueAt > now || (before.claim && before.claim.leaseUntil > now)) continue;
    const ctx: CommandContext = {
      actor: { id: 'notifications.dispatcher', role: 'admin' },
      correlationId: loaded.scheduled.metadata.correlationId,
      causationId: loaded.scheduled.id,
      now: deps.clock.now(),
    };
    const options = { patientId: before.patientId };
    // Read now, not when scheduled: a later opt-out, death or new address counts.
    const recipient = recipientOf(await deps.contacts.contactOf(before.patientId));
    const claimed = await runCommand(
      deps,
      notificationAggregate,
      stream,
      { type: 'ClaimDispatch', dispatcher: identity.dispatcher, at: now, leaseUntil: addSeconds(now, identity.leaseSeconds), recipient },
      ctx,
      options,
    );
    if (E.isLeft(claimed)) continue;
    const mine = (await load(deps, stream))?.notification;
    if (!mine?.claim || mine.claim.dispatcher !== identity.dispatcher || mine.status !== 'scheduled') continue;
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
