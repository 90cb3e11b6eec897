import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, withSchema, type MessageBus, type Route } from '@hcms/shared-kernel';

const ReplayBody = t.partial({
  group: withSchema(t.string, { type: 'string', description: 'a consumer group, e.g. projection.patient-list' }),
  eventId: withSchema(t.string, { type: 'string', description: 'one event id' }),
});

/** Operators' view of messages that kept failing: list them, replay them after a fix. */
export const deadLetterRoutes = (bus: MessageBus): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/dead-letters',
    summary: 'Messages that exhausted their retries, oldest first, with consumer group and error (no event data)',
    tags: ['operations'],
    roles: ['admin'],
    handle: async () => {
      const letters = await bus.deadLetters();
      return E.right({
        body: {
          count: letters.length,
          items: letters.map(({ event, ...letter }) => ({
            ...letter,
            event: { id: event.id, type: event.type, streamId: event.streamId, version: event.version, position: event.position },
          })),
        },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/dead-letters/replay',
    summary: 'Hand dead letters back to their consumer group (all, one group, or one event)',
    tags: ['operations'],
    roles: ['admin'],
    body: ReplayBody,
    handle: async ({ body }) => E.right({ body: { replayed: await bus.replayDeadLetters(body ?? {}) } }),
  }),
];
