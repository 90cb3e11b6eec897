import * as E from 'fp-ts/lib/Either.js';
import { replay, runCommand, toDomainEvent, type CommandContext } from '@hcms/shared-kernel';
import { notificationEvents, notificationStream } from '../contract.js';
import { notificationAggregate } from './aggregate.js';
import type { DueNotifications, NotificationChannel, NotificationsDeps } from './notifications.deps.js';

/**
 * Sends what is due. The schedule is durable — it is the event log, read through a read model —
 * so a restart loses nothing due; each notification's state is re-read before sending, so a
 * moved or cancelled one is not sent, and the outcome is appended with its expected version.
 */
export const dispatchDue = async (
  deps: NotificationsDeps,
  due: DueNotifications,
  channel: NotificationChannel,
  limit = 50,
): Promise<number> => {
  const now = deps.clock.now();
  let sent = 0;
  for (const notificationId of await due.due(now.toISOString(), limit)) {
    const stream = notificationStream(notificationId);
    const history = await deps.store.readStream(stream);
    const events = history.map((e) => toDomainEvent(notificationEvents, e));
    const state = replay(notificationAggregate.decider, events);
    const scheduled = history.find((e) => e.type === 'notifications.NotificationScheduled');
    const data = events.find((e) => e.type === 'NotificationScheduled')?.data;
    if (state.status !== 'scheduled' || state.dueAt > now.toISOString() || !scheduled || !data) continue;
    const body = events.reduce((text, e) => (e.type === 'NotificationMoved' ? e.data.body : text), data.body);
    const ctx: CommandContext = {
      actor: { id: 'notifications.dispatcher', role: 'admin' },
      correlationId: scheduled.metadata.correlationId,
      causationId: scheduled.id,
      now: deps.clock.now(),
    };
    let outcome: { ok: true; reference: string; delivered: boolean } | { ok: false; error: string };
    try {
      outcome = { ok: true, ...(await channel.send({ notificationId, channel: data.channel, to: data.to, subject: data.subject, body })) };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const recorded = await runCommand(
      deps,
      notificationAggregate,
      stream,
      { type: 'RecordDeliveryOutcome', at: deps.clock.now().toISOString(), outcome, retry: deps.retry },
      ctx,
      scheduled.metadata.patientId === undefined ? {} : { patientId: scheduled.metadata.patientId },
    );
    if (E.isRight(recorded) && outcome.ok) sent++;
  }
  return sent;
};
