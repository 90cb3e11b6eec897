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
}

/**
 * Events between services. `publish` resolves only once the bus has taken
 * responsibility for every event (publisher confirms); a consumer's handler
 * resolving is its ack, throwing is its nack.
 */
export interface MessageBus {
  publish(events: readonly StoredEvent[]): Promise<void>;
  consume(group: string, handler: (event: StoredEvent) => Promise<void>, options?: ConsumeOptions): Promise<Consumer>;
  deadLetters(): Promise<readonly DeadLetter[]>;
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
