import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, IntFromQuery, IsoDate, notFound, Uuid, withSchema, type Clock, type Route } from '@hcms/shared-kernel';
import { appointmentListProjection, type AppointmentView } from '../appointment-list/appointment-list.projection.js';
import { providerDirectoryProjection, type ProviderDoc } from '../provider-directory/provider-directory.projection.js';
import { MinPosition } from '../query-params.js';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { datesFrom, providerCalendar } from './calendar.js';

const Specialty = withSchema(t.string, { type: 'string', description: 'a specialty, any case' });
const Range = t.intersection([t.type({ from: IsoDate }), t.partial({ days: IntFromQuery(1, 14) }), MinPosition]);
const STAFF = ['admin', 'clinician', 'receptionist'] as const;

export const appointmentQueryRoutes = (deps: ReadModelDeps, clock: Clock): Route[] => {
  const providers = () => deps.collections.of<ProviderDoc>(providerDirectoryProjection);
  const appointments = () => deps.collections.of<AppointmentView>(appointmentListProjection);
  const ready = (name: string, position: number | undefined) => readYourWrites(deps, name, position);
  return [
    defineRoute({
      method: 'GET',
      path: '/providers',
      summary: 'Providers, optionally of one specialty',
      tags: ['appointments (read)'],
      roles: [...STAFF, 'patient'],
      audit: 'no-patient-data',
      query: t.intersection([t.partial({ specialty: Specialty }), MinPosition]),
      handle: async ({ query }) => {
        const r = await ready(providerDirectoryProjection.name, query.minPosition);
        if (E.isLeft(r)) return r;
        const where = query.specialty ? [{ field: 'specialtyKey', op: 'eq' as const, value: query.specialty.toLowerCase() }] : [];
        const page = await (await providers()).find({ where, sort: { field: 'name', direction: 'asc' }, limit: 100 });
        return E.right({ body: { items: page.items.map(({ doc: { specialtyKey: _k, status: _s, ...p } }) => p) } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/providers/:providerId/calendar',
      summary: "A provider's days (from, up to 14 days) cut into slots, each free or booked",
      tags: ['appointments (read)'],
      roles: [...STAFF],
      audit: 'no-patient-data',
      params: t.type({ providerId: Uuid }),
      query: Range,
      errors: [404, 503],
      handle: async ({ params, query }) => {
        const r = await ready(appointmentListProjection.name, query.minPosition);
        if (E.isLeft(r)) return r;
        const provider = await (await providers()).get(params.providerId);
        if (!provider) return E.left(notFound('PROVIDER_NOT_FOUND', 'no such provider'));
        const days = await providerCalendar(
          provider.doc,
          await appointments(),
          datesFrom(query.from, query.days ?? 1),
          clock.now().toISOString(),
        );
        return E.right({ body: { providerId: params.providerId, timeZone: provider.doc.timeZone, days } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/slots',
      summary: 'Free slots across the providers of a specialty over a date range',
      tags: ['appointments (read)'],
      roles: [...STAFF, 'patient'],
      audit: 'no-patient-data',
      query: t.intersection([t.type({ specialty: Specialty }), Range]),
      handle: async ({ query }) => {
        const r = await ready(appointmentListProjection.name, query.minPosition);
        if (E.isLeft(r)) return r;
        const found = await (
          await providers()
        ).find({ where: [{ field: 'specialtyKey', op: 'eq', value: query.specialty.toLowerCase() }], limit: 100 });
        const dates = datesFrom(query.from, query.days ?? 7);
        const now = clock.now().toISOString();
        const items = [];
        for (const { doc } of found.items) {
          for (const day of await providerCalendar(doc, await appointments(), dates, now)) {
            for (const slot of day.slots.filter((s) => s.status === 'free'))
              items.push({ providerId: doc.providerId, name: doc.name, start: slot.start, end: slot.end });
          }
        }
        items.sort((a, b) => a.start.localeCompare(b.start));
        return E.right({ body: { items: items.slice(0, 200) } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/appointments',
      summary: "A patient's upcoming and past appointments, with each one's status history",
      tags: ['appointments (read)'],
      roles: [...STAFF, 'patient'],
      audit: { resource: 'Appointment', keepQuery: ['minPosition'] },
      params: t.type({ patientId: Uuid }),
      query: MinPosition,
      patientOf: ({ params }) => params.patientId,
      handle: async ({ params, query }) => {
        const r = await ready(appointmentListProjection.name, query.minPosition);
        if (E.isLeft(r)) return r;
        const page = await (
          await appointments()
        ).find({
          where: [{ field: 'patientId', op: 'eq', value: params.patientId }],
          sort: { field: 'start', direction: 'asc' },
          limit: 500,
        });
        const now = clock.now().toISOString();
        const all = page.items.map((i) => i.doc);
        return E.right({
          positions: { [appointmentListProjection.name]: r.right },
          body: {
            patientId: params.patientId,
            upcoming: all.filter((a) => a.end >= now && a.status !== 'cancelled'),
            past: all.filter((a) => a.end < now || a.status === 'cancelled'),
          },
        });
      },
    }),
  ];
};
