import {
  matchesFilter,
  topicMatches,
  type ConsumeOptions,
  type Consumer,
  type DeadLetter,
  type DeadLetterFilter,
  type ForeignMessages,
  type MessageBus,
  type StoredEvent,
} from '@hcms/shared-kernel';
import { noForeignMessages } from '../log-filter.js';

interface Group {
  readonly name: string;
  readonly handler: (event: StoredEvent) => Promise<void>;
  readonly topics: readonly string[];
  readonly maxAttempts: number;
}

/**
 * The bus inside one process. `publish` resolves when every consumer group has handled (or
 * dead-lettered) each event, so the relay's checkpoint never runs ahead of the consumers.
 * Groups see events in publish order; a group registered later starts from then on, which is
 * why projections catch up from the event store before following the bus.
 */
export class InMemoryBus implements MessageBus {
  private readonly groups = new Map<string, Group>();
  private readonly dead: DeadLetter[] = [];
  private readonly bells = new Map<string, { readonly topics: readonly string[]; readonly ring: () => void }>();
  private readonly listeners = new Set<{ readonly subject: string; readonly handler: (body: unknown) => void }>();

  constructor(private readonly retryDelayMs = 50) {}

  async publish(events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      for (const bell of this.bells.values()) if (bell.topics.some((t) => topicMatches(t, event.type))) bell.ring();
      await Promise.all(
        [...this.groups.values()].filter((g) => g.topics.some((t) => topicMatches(t, event.type))).map((g) => this.deliver(g, event)),
      );
    }
  }

  async consume(group: string, handler: (event: StoredEvent) => Promise<void>, options: ConsumeOptions = {}): Promise<Consumer> {
    if (this.groups.has(group)) throw new Error(`consumer group ${group} already has a consumer in this process`);
    this.groups.set(group, { name: group, handler, topics: options.topics ?? ['#'], maxAttempts: options.maxAttempts ?? 5 });
    return { stop: async () => void this.groups.delete(group) };
  }

  async doorbell(name: string, topics: readonly string[], ring: () => void): Promise<Consumer> {
    if (this.bells.has(name)) throw new Error(`doorbell ${name} already rings in this process`);
    this.bells.set(name, { topics, ring });
    return { stop: async () => void this.bells.delete(name) };
  }

  /** Heard a moment later, as a copy: what crosses a bus is data, never a shared object. */
  async announce(subject: string, body: unknown): Promise<void> {
    let copy: string;
    try {
      copy = JSON.stringify(body);
    } catch {
      return; // what cannot cross a bus is lost, as on any other
    }
    for (const listener of this.listeners) {
      if (listener.subject === subject) setImmediate(() => listener.handler(JSON.parse(copy) as unknown));
    }
  }

  async listen(subject: string, handler: (body: unknown) => void): Promise<Consumer> {
    const listener = { subject, handler };
    this.listeners.add(listener);
    return { stop: async () => void this.listeners.delete(listener) };
  }

  /** Always none: the relay and the consumers of this bus are one process, on one event log. */
  foreignMessages(): ForeignMessages {
    return noForeignMessages;
  }

  async deadLetters(): Promise<readonly DeadLetter[]> {
    return [...this.dead];
  }

  async replayDeadLetters(filter: DeadLetterFilter = {}): Promise<number> {
    const chosen = this.dead.filter((d) => matchesFilter(d, filter) && this.groups.has(d.group));
    for (const letter of chosen) this.dead.splice(this.dead.indexOf(letter), 1);
    for (const letter of chosen) {
      const group = this.groups.get(letter.group);
      if (group) await this.deliver(group, letter.event);
    }
    return chosen.length;
  }

  async close(): Promise<void> {
    this.groups.clear();
    this.bells.clear();
    this.listeners.clear();
  }

  private async deliver(group: Group, event: StoredEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await group.handler(event);
        return;
      } catch (error) {
        if (attempt >= group.maxAttempts) {
          this.dead.push({
            group: group.name,
            event,
            error: error instanceof Error ? error.message : String(error),
            attempts: attempt,
            failedAt: new Date().toISOString(),
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}
