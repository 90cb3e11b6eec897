import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, parkedLetters, replayParked, withSchema, type Route, type SubscriptionStore } from '@hcms/shared-kernel';

const ReplayBody = t.partial({
  group: withSchema(t.string, { type: 'string', description: 'a subscription, e.g. projection.patient-list' }),
  eventId: withSchema(t.string, { type: 'string', description: 'one event id' }),
});

const PATIENT_STREAM = /^patient-([0-9a-f-]{36})$/;

/** The patients whose events a page of parked letters names. */
const patientsOfLetters = (body: unknown): string[] =>
  ((body as { items?: { event: { streamId: string } }[] }).items ?? []).flatMap((l) => PATIENT_STREAM.exec(l.event.streamId)?.[1] ?? []);

/** Operators' view of events that durable subscriptions set aside: list them, replay them after a fix. */
export const deadLetterRoutes = (records: SubscriptionStore): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/dead-letters',
    summary: 'Events a subscription set aside after its retries, oldest first, with the subscription and the error (no event data)',
    tags: ['operations'],
    roles: ['admin'],
    audit: { resource: 'DeadLetter', patientsIn: patientsOfLetters },
    handle: async () => {
      const letters = await parkedLetters(records);
      return E.right({
        body: {
          count: letters.length,
          items: letters.map(({ group, eventId, type, streamId, version, position, error, attempts, parkedAt }) => ({
            group,
            event: { id: eventId, type, streamId, version, position },
            error,
            attempts,
            failedAt: parkedAt,
          })),
        },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/dead-letters/replay',
    summary: 'Hand parked events back to their subscription (all, one subscription, or one event); each retries them within a second',
    tags: ['operations'],
    roles: ['admin'],
    audit: { resource: 'DeadLetter' },
    body: ReplayBody,
    handle: async ({ body }) => E.right({ body: { replayed: await replayParked(records, body ?? {}) } }),
  }),
];
