import * as E from 'fp-ts/lib/Either.js';
import { bookAppointment, handleProviderCommand, registerProvider } from '@hcms/appointments';
import { notificationListProjection, type NotificationView } from '@hcms/projections';
import type { LongText } from '@hcms/shared-kernel';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { startRole } from '../roles/roles.js';
import { fmt, lanes, percentile, rate, timed, type Row } from './measure.js';
import { benchActor, registeredPatients } from './registered-patients.js';

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Booking throughput with contention on popular slots, and booking → delivered confirmation. */
export const benchBooking = async (dir: string): Promise<Row[]> => {
  const config = loadConfig({ HCMS_DATA_DIR: `${dir}/booking`, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent', HCMS_DISPATCH_INTERVAL_MS: '20' });
  const c = platformContainer(config);
  const platform = await startRole(c, 'all');
  try {
    const deps = await c.getAsync(T.AppointmentsDeps);
    const readModels = await c.getAsync(T.ReadModelDeps);
    const ctx = () => ({ actor: benchActor, correlationId: 'bench', now: new Date() });
    const registered = await registerProvider(deps)({ name: 'Dr Bench' as never, specialty: 'bench' as never, timeZone: 'UTC' }, ctx());
    if (E.isLeft(registered)) throw new Error(registered.left.code);
    const providerId = registered.right.providerId;
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    await handleProviderCommand(deps)(
      providerId,
      { type: 'SetWeeklyAvailability', hours: hours as never, slotMinutes: 10 as never },
      ctx(),
    );
    const store = await c.getAsync(T.EventStore);
    const patients = await registeredPatients(store, 2000);
    await readModels.progress.await('appointments-patient-status', await store.headPosition(), 60_000);

    const book = (i: number, start: string) =>
      bookAppointment(deps)(
        {
          patientId: patients[i % patients.length] ?? '',
          providerId,
          start,
          minutes: 10,
          reason: 'bench' as LongText,
          appointmentType: 'video',
        },
        ctx(),
      );
    // Contention: 8 clients, 2,000 attempts at 40 popular slots of one day.
    let won = 0;
    let refused = 0;
    const attempts = 2000;
    const popular = (i: number) => {
      const k = i % 40;
      return `${day(2)}T${String(8 + Math.floor(k / 6)).padStart(2, '0')}:${String((k % 6) * 10).padStart(2, '0')}:00Z`;
    };
    const contended = await timed(() =>
      lanes(8, attempts, async (i) => {
        const r = await book(i, popular(i));
        if (E.isRight(r)) won++;
        else refused++;
      }),
    );

    // Booking → delivered confirmation, one booking at a time on free slots of later days.
    const list = await readModels.collections.of<NotificationView>(notificationListProjection);
    const delays: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const r = await book(
        attempts + i,
        `${day(3 + Math.floor(i / 100))}T${String(Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}:00Z`,
      );
      if (E.isLeft(r)) throw new Error(r.left.code);
      const id = `confirmation-${r.right.appointmentId}`;
      const until = Date.now() + 10_000;
      while ((await list.get(id))?.doc.status !== 'delivered') {
        if (Date.now() > until) throw new Error(`${id} was not delivered within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      delays.push(performance.now() - t0);
    }
    const sorted = [...delays].sort((a, b) => a - b);
    return [
      {
        what: `booking, 8 clients on 40 popular slots (${won} booked, ${refused} refused SLOT_TAKEN)`,
        ours: fmt(rate(attempts, contended), 'attempts/s'),
      },
      {
        what: 'booking → confirmation delivered to the outbox (dispatch every 20 ms)',
        ours: `median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
      },
    ];
  } finally {
    await platform.stop();
  }
};
