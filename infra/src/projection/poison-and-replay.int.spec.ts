import { expect } from 'chai';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parkedLetters, ReadStoreSubscriptionStore, replayParked, type StoredEvent } from '@hcms/shared-kernel';
import { ProjectionRunner, ReadModelCollections, type Projection } from '@hcms/projections';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { MongoReadStore } from '../read-store/mongodb/mongo-read-store.js';
import { Relay } from '../relay/relay.js';
import { createLogger } from '../system/logger.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';

interface Visits {
  readonly notes: readonly string[];
}

describe('A projection as a durable subscription over RabbitMQ and a MongoDB-wire read store', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const name = `visits_${randomUUID().slice(0, 8)}`;
  let fixed = false;
  const projection: Projection<Visits> = {
    name,
    indexes: [],
    documentOf: (e: StoredEvent) => (e.type.startsWith('test.') ? e.streamId : undefined),
    evolve: (doc, e) => {
      const note = (e.data as { note: string }).note;
      if (note === 'poison' && !fixed) throw new Error('projection bug: cannot read this note');
      return { notes: [...(doc?.notes ?? []), note] };
    },
  };
  const log = createLogger('silent');
  let store: SqliteEventStore;
  let bus: RabbitMqBus;
  let readStore: MongoReadStore;
  let relay: Relay;
  let runner: ProjectionRunner<Visits>;
  let records: ReadStoreSubscriptionStore;

  before(async () => {
    const db = openDatabase(join(dir.path, 'events.db'), 'full');
    store = new SqliteEventStore(db, systemClock, 10);
    bus = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { retryDelayMs: 10 });
    readStore = await MongoReadStore.connect(requiredEnv('HCMS_TEST_MONGODB_URL'), `test_${name}`);
    records = new ReadStoreSubscriptionStore(readStore);
    runner = new ProjectionRunner(
      projection,
      { store, bus, readStore, records, collections: new ReadModelCollections(readStore) },
      { maxAttempts: 2, retryDelayMs: 10, pollMs: 50 },
    );
    await runner.start();
    relay = new Relay(store, bus, new SqliteCheckpointStore(db), log);
    await relay.start();
  });
  after(async () => {
    await relay.stop();
    await runner.stop();
    await bus.deleteGroup(`projection.${name}`);
    await bus.close();
    await readStore.close();
    await store.close();
    dir.remove();
  });

  const note = (text: string) => newEvent('test.Noted', { note: text });
  const doc = async (id: string) => (await (await readStore.collection<Visits>(name)).get(id)) ?? null;

  it('parks a poison event and what follows it in its stream, keeps other streams going, and catches up after the fix', async () => {
    await store.append('a', [note('first')], 'no-stream');
    const poison = await store.append('a', [note('poison')], 1);
    await store.append('a', [note('third')], 2);
    const last = await store.append('b', [note('unrelated')], 'no-stream');
    await eventually(() => runner.status.position >= last.position, 'the projection to pass every event');

    expect(await doc('a')).to.deep.include({ version: 1, doc: { notes: ['first'] } });
    expect(await doc('b')).to.deep.include({ version: 1, doc: { notes: ['unrelated'] } });
    expect(runner.status.parked.map((p) => p.version)).to.deep.equal([2, 3]);
    // The read model has not applied the poison event, whatever came after it.
    expect(runner.applied).to.equal(poison.position - 1);
    expect(await runner.waitFor(last.position, 1000)).to.deep.include({ kind: 'parked' });
    await eventually(async () => (await parkedLetters(records, { group: runner.name })).length === 2, 'the parked events on record');

    fixed = true;
    expect(await replayParked(records, { group: runner.name })).to.equal(2);
    await eventually(async () => (await doc('a'))?.version === 3, 'the replayed events');
    expect(await doc('a')).to.deep.include({ version: 3, doc: { notes: ['first', 'poison', 'third'] } });
    await eventually(() => runner.status.parked.length === 0, 'nothing parked');
    expect(runner.applied).to.be.at.least(last.position);
    expect(await runner.waitFor(last.position, 1000)).to.deep.equal({ kind: 'applied' });
    await eventually(async () => (await parkedLetters(records, { group: runner.name })).length === 0, 'nothing parked on record');
  });
});
