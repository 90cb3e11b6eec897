import { expect } from 'chai';
import type { EventStore } from '@hcms/shared-kernel';
import { eventually } from './fixtures.js';
import type { Call } from './json-caller.js';

const AROUND_THE_CLOCK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

/** Waits until every read model has applied the whole log as it stands. */
export const settled = async (call: Call, store: Pick<EventStore, 'headPosition'>): Promise<void> => {
  const head = await store.headPosition();
  await eventually(
    async () => {
      const models = ((await call('GET', '/read-models', undefined, 'admin')).body['readModels'] ?? []) as { position: number }[];
      return models.length > 0 && models.every((m) => m.position >= head);
    },
    'the read models to apply the log',
    30_000,
  );
};

export interface Burst {
  /** Booking answered 201, in the order the answers came. */
  readonly acknowledged: readonly { readonly appointmentId: string; readonly patientId: string }[];
  readonly patients: readonly string[];
}

/**
 * `count` patients with an e-mail address, each booked at once with a provider of their own at the
 * same moment, `startInSeconds` from now: with a reminder lead just under that, every reminder
 * falls due together. `onAcknowledged` is told after each 201 (a test kills a process there).
 */
export const bookingBurst = async (
  call: Call,
  store: Pick<EventStore, 'headPosition'>,
  count: number,
  startInSeconds: number,
  onAcknowledged: (acknowledged: number) => Promise<void> | void = () => {},
): Promise<Burst> => {
  const run = `${Date.now().toString(36)}`;
  const providers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const created = await call('POST', '/providers', { name: `Dr Burst ${i}`, specialty: 'general practice', timeZone: 'UTC' }, 'admin');
      const providerId = String(created.body['providerId']);
      const hours = await call('PUT', `/providers/${providerId}/availability`, { hours: AROUND_THE_CLOCK, slotMinutes: 15 }, 'admin');
      expect(hours.status, JSON.stringify(hours.body)).to.equal(200);
      return providerId;
    }),
  );
  const patients = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const registered = await call('POST', '/patients', {
        givenName: 'Burst',
        familyName: `Booked${run}${i}`,
        dateOfBirth: '1966-06-06',
        sex: 'unknown',
        email: `burst-${run}-${i}@example.org`,
      });
      expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
      return String(registered.body['patientId']);
    }),
  );
  await settled(call, store);
  const start = new Date(Math.ceil((Date.now() + startInSeconds * 1000) / 1000) * 1000).toISOString();
  const acknowledged: { appointmentId: string; patientId: string }[] = [];
  await Promise.all(
    patients.map(async (patientId, i) => {
      const booked = await call('POST', '/appointments', {
        patientId,
        providerId: providers[i],
        start,
        minutes: 15,
        reason: 'burst',
        type: 'in-person',
      }).catch(() => undefined); // the process may be killed under it
      if (booked?.status !== 201) return;
      acknowledged.push({ appointmentId: String(booked.body['appointmentId']), patientId });
      await onAcknowledged(acknowledged.length);
    }),
  );
  return { acknowledged, patients };
};

/** The burst's appointments booked in the log, acknowledged or not, with their patient. */
export const bookedInLog = async (store: Pick<EventStore, 'readAll'>, burst: Pick<Burst, 'patients'>): Promise<Map<string, string>> => {
  const booked = new Map<string, string>();
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return booked;
    for (const e of batch) {
      const patientId = e.metadata.patientId;
      if (e.type === 'appointments.AppointmentBooked' && patientId && burst.patients.includes(patientId)) {
        booked.set(e.streamId.slice('appointment-'.length), patientId);
      }
    }
    after = batch[batch.length - 1]?.position ?? after;
  }
};

/** Every message in the outbox, by notification id, counted. */
export const outboxCounts = async (call: Call): Promise<Map<string, number>> => {
  const items = ((await call('GET', '/notifications/outbox', undefined, 'admin')).body['items'] ?? []) as { notificationId: string }[];
  const counts = new Map<string, number>();
  for (const { notificationId } of items) counts.set(notificationId, (counts.get(notificationId) ?? 0) + 1);
  return counts;
};

/**
 * After a crash under a burst: each appointment in the log got exactly one confirmation and one
 * reminder, except those cancelled, which got exactly one cancellation and no reminder; nothing
 * else reached the outbox for them.
 */
export const expectEachNotificationOnce = async (
  call: Call,
  booked: ReadonlyMap<string, string>,
  cancelled: ReadonlySet<string>,
): Promise<void> => {
  const expected = new Map<string, number>();
  for (const appointmentId of booked.keys()) {
    expected.set(`confirmation-${appointmentId}`, 1);
    expected.set(cancelled.has(appointmentId) ? `cancellation-${appointmentId}` : `reminder-${appointmentId}`, 1);
  }
  const mine = async () => new Map([...(await outboxCounts(call))].filter(([id]) => [...booked.keys()].some((a) => id.endsWith(a))));
  // On a timeout the comparison below says what is missing or doubled.
  await eventually(async () => (await mine()).size >= expected.size, 'every message', 60_000).catch(() => undefined);
  // A little longer: a second copy of anything would show up now.
  await new Promise((r) => setTimeout(r, 1000));
  expect(Object.fromEntries(await mine())).to.deep.equal(Object.fromEntries(expected));
};
