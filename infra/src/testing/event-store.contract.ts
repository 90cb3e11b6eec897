import { expect } from 'chai';
import { WrongExpectedVersionError, type EventStore, type StoredEvent } from '@hcms/shared-kernel';
import { eventually, newEvent, uniqueStream } from './fixtures.js';

/**
 * What every EventStore adapter must do. Each adapter's integration spec calls this with a
 * factory for a fresh, empty store.
 */
export const eventStoreContract = (name: string, open: () => Promise<EventStore>) =>
  describe(`EventStore contract: ${name}`, function () {
    this.timeout(20_000);
    let store: EventStore;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    describe('appending', () => {
      it('numbers a new stream from version 1 and returns the last position', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, [newEvent(), newEvent()], 'no-stream');
        expect(result.version).to.equal(2);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.version)).to.deep.equal([1, 2]);
        expect(result.position).to.equal(events[1]?.position);
      });

      it('keeps the id, type, data and metadata it was given', async () => {
        const stream = uniqueStream();
        const event = newEvent('patients.Tested', { nested: { list: [1, 'two'] } });
        await store.append(stream, [event], 'no-stream');
        const [stored] = await store.readStream(stream);
        expect(stored).to.include({ id: event.id, type: event.type, streamId: stream, version: 1 });
        expect(stored?.data).to.deep.equal(event.data);
        expect(stored?.metadata).to.deep.equal(event.metadata);
        expect(Date.parse(stored?.recordedAt ?? '')).to.be.a('number').and.not.NaN;
      });

      it('refuses no-stream when the stream exists', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no-stream');
        const error = await store.append(stream, [newEvent()], 'no-stream').catch((e: unknown) => e);
        expect(error).to.be.instanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).to.equal(1);
      });

      it('refuses an exact version that is not the current one', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent(), newEvent()], 'no-stream');
        await expectWrongVersion(store.append(stream, [newEvent()], 1));
        const ok = await store.append(stream, [newEvent()], 2);
        expect(ok.version).to.equal(3);
      });

      it('accepts any version with "any" and requires an existing stream with "stream-exists"', async () => {
        const stream = uniqueStream();
        await expectWrongVersion(store.append(stream, [newEvent()], 'stream-exists'));
        await store.append(stream, [newEvent()], 'any');
        await store.append(stream, [newEvent()], 'any');
        expect((await store.append(stream, [newEvent()], 'stream-exists')).version).to.equal(3);
      });

      it('writes nothing when the expected version is wrong', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no-stream');
        await expectWrongVersion(store.append(stream, [newEvent(), newEvent()], 5));
        expect(await store.readStream(stream)).to.have.length(1);
      });

      it('lets exactly one of many concurrent writers with the same expected version win', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no-stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(stream, [newEvent()], 1)));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        losers.forEach((o) => expect(o.reason).to.be.instanceOf(WrongExpectedVersionError));
        expect(await store.readStream(stream)).to.have.length(2);
      });

      it('serves concurrent writers on distinct streams without failures', async () => {
        const streams = Array.from({ length: 32 }, () => uniqueStream());
        const results = await Promise.all(streams.map((s) => store.append(s, [newEvent()], 'no-stream')));
        expect(new Set(results.map((r) => r.position)).size).to.equal(32);
      });
    });

    describe('reading', () => {
      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(uniqueStream())).to.deep.equal([]);
      });

      it('reads a stream from a version, up to a count', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent(), newEvent(), newEvent(), newEvent()], 'no-stream');
        const part = await store.readStream(stream, { fromVersion: 2, maxCount: 2 });
        expect(part.map((e) => e.version)).to.deep.equal([2, 3]);
      });

      it('reads the global log in append order with increasing positions', async () => {
        const a = uniqueStream();
        const b = uniqueStream();
        const start = await store.headPosition();
        await store.append(a, [newEvent('t.A1')], 'no-stream');
        await store.append(b, [newEvent('t.B1')], 'no-stream');
        await store.append(a, [newEvent('t.A2')], 1);
        const all = await store.readAll({ after: start, maxCount: 10 });
        expect(all.map((e) => e.type)).to.deep.equal(['t.A1', 't.B1', 't.A2']);
        const positions = all.map((e) => e.position);
        expect(positions).to.deep.equal([...positions].sort((x, y) => x - y));
        expect(await store.headPosition()).to.equal(positions[2]);
        const after = await store.readAll({ after: positions[0], maxCount: 1 });
        expect(after.map((e) => e.type)).to.deep.equal(['t.B1']);
      });
    });

    describe('subscribing to the global log', () => {
      const collect = (received: StoredEvent[]) => async (batch: readonly StoredEvent[]) => {
        received.push(...batch);
      };

      it('catches up on history, then follows live appends in order', async () => {
        const stream = uniqueStream();
        const start = await store.headPosition();
        await store.append(stream, [newEvent('t.Old1'), newEvent('t.Old2')], 'no-stream');
        const received: StoredEvent[] = [];
        const sub = store.subscribeToAll(collect(received), { after: start });
        await sub.caughtUp;
        expect(received.map((e) => e.type)).to.deep.equal(['t.Old1', 't.Old2']);
        await store.append(stream, [newEvent('t.New')], 2);
        await eventually(() => received.length === 3, 'the live event');
        expect(received[2]?.type).to.equal('t.New');
        await sub.stop();
      });

      it('resumes after a checkpoint without repeating or skipping', async () => {
        const stream = uniqueStream();
        const start = await store.headPosition();
        await store.append(stream, [newEvent('t.1'), newEvent('t.2'), newEvent('t.3')], 'no-stream');
        const first: StoredEvent[] = [];
        const sub1 = store.subscribeToAll(collect(first), { after: start, batchSize: 1 });
        await sub1.caughtUp;
        await sub1.stop();
        const checkpoint = first[1]?.position ?? 0;
        const resumed: StoredEvent[] = [];
        const sub2 = store.subscribeToAll(collect(resumed), { after: checkpoint });
        await sub2.caughtUp;
        expect(resumed.map((e) => e.type)).to.deep.equal(['t.3']);
        await sub2.stop();
      });

      it('stops and reports when the handler fails', async () => {
        await store.append(uniqueStream(), [newEvent()], 'no-stream');
        let reported: unknown;
        const sub = store.subscribeToAll(
          async () => {
            throw new Error('handler broke');
          },
          { onError: (e) => (reported = e) },
        );
        await eventually(() => reported !== undefined, 'the error report');
        expect((reported as Error).message).to.equal('handler broke');
        await sub.stop();
      });
    });
  });

const expectWrongVersion = async (append: Promise<unknown>) => {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a WrongExpectedVersionError').to.be.instanceOf(WrongExpectedVersionError);
};
