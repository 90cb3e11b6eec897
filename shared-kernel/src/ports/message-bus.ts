import type { StoredEvent } from '../envelope.js';

export interface ConsumeOptions {
  /** Routing patterns (`patients.*`, `#`); default every event. */
  readonly topics?: readonly string[];
  /** Deliveries of one message before it is dead-lettered. */
  readonly maxAttempts?: number;
}

export interface Consumer {
  stop(): Promise<void>;
}

export interface DeadLetter {
  readonly group: string;
  readonly event: StoredEvent;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: string;
}

/** Which dead letters to replay: all, one consumer group's, or one event's. */
export interface DeadLetterFilter {
  readonly group?: string;
  readonly eventId?: string;
}

/**
 * Events between services. `publish` resolves only once the bus has taken
 * responsibility for every event (publisher confirms); a consumer's handler
 * resolving is its ack, throwing is its nack.
 */
/** Messages dropped because they came from another event log (a restored store, a shared broker). */
export interface ForeignMessages {
  readonly total: number;
  readonly byGroup: Readonly<Record<string, number>>;
}

export interface MessageBus {
  publish(events: readonly StoredEvent[]): Promise<void>;
  consume(group: string, handler: (event: StoredEvent) => Promise<void>, options?: ConsumeOptions): Promise<Consumer>;
  /**
   * Calls `ring` soon after events of `topics` are published, for a follower that reads the log
   * itself: only that something arrived matters, not what nor how much. A burst may ring once, and
   * nothing is kept while nobody listens. `name` is unique in a process.
   */
  doorbell(name: string, topics: readonly string[], ring: () => void): Promise<Consumer>;
  /** Messages that kept failing, oldest first; listing does not remove them. */
  deadLetters(): Promise<readonly DeadLetter[]>;
  /** Hand dead letters back to their consumer group (after a fix); returns how many. */
  replayDeadLetters(filter?: DeadLetterFilter): Promise<number>;
  foreignMessages(): ForeignMessages;
  /**
   * Word for every process listening on `subject` now, which none must keep (a read model's
   * progress): not stored, not confirmed, lost while nobody listens. Never rejects: a listener
   * treats what it hears as a hint over what it can read for itself.
   */
  announce(subject: string, body: unknown): Promise<void>;
  /** Hears what is announced on `subject` from now on, from this process and every other. */
  listen(subject: string, handler: (body: unknown) => void): Promise<Consumer>;
  close(): Promise<void>;
}

/** `patients.*` matches `patients.PatientRegistered`; `#` matches everything (AMQP topic rules). */
export const topicMatches = (pattern: string, routingKey: string): boolean => {
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === '#') return match(i + 1, j) || (j < k.length && match(i, j + 1));
    return j < k.length && (p[i] === '*' || p[i] === k[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
};

export const matchesFilter = (letter: DeadLetter, filter: DeadLetterFilter): boolean =>
  (filter.group === undefined || letter.group === filter.group) && (filter.eventId === undefined || letter.event.id === filter.eventId);
