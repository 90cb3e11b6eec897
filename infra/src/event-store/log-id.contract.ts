import { expect } from 'chai';
import type { EventStore } from '@hcms/shared-kernel';
import { newEvent, uniqueStream } from '../testing/fixtures.js';

/** A fresh, empty log, and a way to open any number of stores on it (as processes would). */
export interface FreshLog {
  connect(): Promise<EventStore>;
  dispose(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What every EventStore adapter does about its log's id (`EventStore.logId`). */
export const logIdContract = (name: string, freshLog: () => Promise<FreshLog>) =>
  describe(`A log's id: ${name}`, function () {
    this.timeout(20_000);
    const opened: EventStore[] = [];
    const logs: FreshLog[] = [];
    const fresh = async () => {
      const log = await freshLog();
      logs.push(log);
      const connect = async () => {
        const store = await log.connect();
        opened.push(store);
        return store;
      };
      return { connect };
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      for (const log of logs.splice(0)) await log.dispose();
    });

    it('is none while the log is empty, and one from its first append on, for every store on the log and after reopening', async () => {
      const log = await fresh();
      const first = await log.connect();
      const other = await log.connect();
      expect(await first.logId()).to.equal(undefined);
      expect(await other.logId()).to.equal(undefined);

      await first.append(uniqueStream(), [newEvent()], 'no-stream');
      const id = await first.logId();
      expect(id).to.match(UUID);
      expect(await other.logId()).to.equal(id);
      await other.append(uniqueStream(), [newEvent()], 'no-stream');
      expect(await first.logId()).to.equal(id);

      await first.close();
      expect(await (await log.connect()).logId()).to.equal(id);
    });

    it('is claimed once when two stores append the log’s first events at the same time', async () => {
      const log = await fresh();
      const [a, b] = [await log.connect(), await log.connect()];
      await Promise.all([a.append(uniqueStream(), [newEvent()], 'no-stream'), b.append(uniqueStream(), [newEvent()], 'no-stream')]);
      const [idA, idB] = [await a.logId(), await b.logId()];
      expect(idA).to.match(UUID);
      expect(idB).to.equal(idA);
    });

    it('differs from log to log', async () => {
      const [one, two] = [await (await fresh()).connect(), await (await fresh()).connect()];
      await one.append(uniqueStream(), [newEvent()], 'no-stream');
      await two.append(uniqueStream(), [newEvent()], 'no-stream');
      expect(await one.logId())
        .to.match(UUID)
        .and.not.equal(await two.logId());
    });

    it('is not an event: the log holds only what was appended', async () => {
      const store = await (await fresh()).connect();
      const appended = await store.append(uniqueStream(), [newEvent('test.Only')], 'no-stream');
      expect(await store.logId()).to.match(UUID);
      expect((await store.readAll({ maxCount: 100 })).map((e) => e.type)).to.deep.equal(['test.Only']);
      expect(await store.headPosition()).to.equal(appended.position);
    });
  });
