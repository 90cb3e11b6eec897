import { toDomainEvent } from '@hcms/shared-kernel';
import { evolveSchedule, scheduleEvents, type Hold } from '@hcms/appointments/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export interface PendingHold extends Hold {
  /** When it was taken: by the saga's clock, or when it was recorded for holds that predate that. */
  readonly since: string;
}

/**
 * The unconfirmed holds of one provider-day: what the hold settler watches. A day with none has
 * no document, so the settler's query reads only days with a saga in flight (or a dead one).
 */
export interface PendingHoldsDoc {
  readonly stream: string;
  readonly holds: readonly PendingHold[];
  /** The oldest `since` of the holds, which the settler queries by. */
  readonly oldestSince: string;
}

const PREFIX = 'schedule-';

export const pendingHoldsProjection: Projection<PendingHoldsDoc> = {
  name: 'appointments-pending-holds',
  indexes: [{ fields: ['oldestSince'] }],
  documentOf: documentPerStream(PREFIX),
  // The schedule's own evolve, over its unconfirmed holds only: confirmed holds only ever leave.
  evolve: (doc, event) => {
    const before = doc?.holds ?? [];
    const after = evolveSchedule({ holds: before }, toDomainEvent(scheduleEvents, event)).holds.filter((h) => !h.confirmed);
    const holds = after.map((h): PendingHold => ({
      ...h,
      since:
        before.find((b) => b.appointmentId === h.appointmentId && b.start === h.start && b.holdId === h.holdId)?.since ??
        h.heldAt ??
        event.recordedAt,
    }));
    if (holds.length === 0) return null;
    return { stream: event.streamId, holds, oldestSince: holds.map((h) => h.since).reduce((a, b) => (b < a ? b : a)) };
  },
};
