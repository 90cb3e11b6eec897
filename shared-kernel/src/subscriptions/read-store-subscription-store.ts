import { randomUUID } from 'node:crypto';
import { everyMatch, type ReadStore } from '../ports/read-store.js';
import type { NewSubscriptionRequest, SubscriptionRecord, SubscriptionRequest, SubscriptionStore } from './subscription-store.js';

const RECORDS = 'subscriptions';
const REQUESTS = 'subscription_requests';
/** Where projections kept their checkpoints before every reaction became a durable subscription. */
const LEGACY_CHECKPOINTS = 'projection_checkpoints';

type StoredRequest = SubscriptionRequest & { readonly subscription: string };

/**
 * Records as documents in the read store, next to the read models they describe, so a projection's
 * documents and its record live and die together. Versions only grow: a record's version is a
 * save counter seeded from the clock, so a stale writer cannot roll a record back.
 */
export class ReadStoreSubscriptionStore implements SubscriptionStore {
  private revision = Date.now() * 1000;

  constructor(private readonly readStore: ReadStore) {}

  async load(name: string): Promise<SubscriptionRecord | undefined> {
    const found = await (await this.readStore.collection<SubscriptionRecord>(RECORDS)).get(name);
    if (found) return found.doc;
    const legacy = name.startsWith('projection.')
      ? await (await this.readStore.collection<{ position: number }>(LEGACY_CHECKPOINTS)).get(name.slice('projection.'.length))
      : undefined;
    return legacy ? { position: legacy.doc.position, parked: [], updatedAt: new Date().toISOString() } : undefined;
  }

  async save(name: string, record: SubscriptionRecord): Promise<void> {
    const records = await this.readStore.collection<SubscriptionRecord>(RECORDS);
    this.revision = Math.max(this.revision + 1, Date.now() * 1000);
    if (await records.put(name, record, this.revision)) return;
    // A newer version is stored: this clock runs behind the one that wrote it. Step past it.
    this.revision = Math.max(this.revision, (await records.get(name))?.version ?? 0) + 1;
    if (!(await records.put(name, record, this.revision))) throw new Error(`the record of ${name} is being written by someone else`);
  }

  async all(): Promise<readonly { name: string; record: SubscriptionRecord }[]> {
    const records = await this.readStore.collection<SubscriptionRecord>(RECORDS);
    return (await everyMatch(records, [], 200)).map((i) => ({ name: i.id, record: i.doc }));
  }

  async request(name: string, request: NewSubscriptionRequest): Promise<void> {
    const requests = await this.readStore.collection<StoredRequest>(REQUESTS, [{ fields: ['subscription'] }]);
    // Ids sort by creation, so requests are taken in the order they were made.
    const id = `${Date.now().toString(36).padStart(10, '0')}-${randomUUID().slice(0, 8)}`;
    await requests.put(id, { ...request, id, subscription: name }, 1);
  }

  async requests(name: string): Promise<readonly SubscriptionRequest[]> {
    const requests = await this.readStore.collection<StoredRequest>(REQUESTS, [{ fields: ['subscription'] }]);
    const page = await requests.find({ where: [{ field: 'subscription', op: 'eq', value: name }], limit: 100 });
    return page.items.map(({ doc: { subscription: _s, ...request } }) => request);
  }

  async complete(_name: string, requestId: string): Promise<void> {
    await (await this.readStore.collection<StoredRequest>(REQUESTS, [{ fields: ['subscription'] }])).remove(requestId, 2);
  }
}
