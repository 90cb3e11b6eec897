/**
 * How old an event may be for its notice (an appointment's confirmation, update or cancellation;
 * results available) to still be news. A reaction's durable subscription reads the store from the
 * start the first time it runs (a new deployment, an operator replaying a parked event): unbounded,
 * it would tell patients today about appointments booked, moved or cancelled, and results
 * reported, years ago. A day outlasts any outage we catch up from; past it, the patient has long
 * acted on the change, or it no longer matters.
 */
export const NOTICE_WINDOW_SECONDS = 24 * 60 * 60;

/** A notice is worth sending for a recent event, and for an appointment still ahead when it names one. */
export const isNews = (recordedAt: string, now: string, start?: string): boolean =>
  Date.parse(now) - Date.parse(recordedAt) <= NOTICE_WINDOW_SECONDS * 1000 && (start === undefined || Date.parse(start) > Date.parse(now));
