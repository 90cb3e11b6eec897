import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { MessageBus, StoredEvent } from '@hcms/shared-kernel';
import { eventually } from './fixtures.js';

let position = 0;
export const storedEvent = (type: string, streamId = `s-${randomUUID()}`, version = 1): StoredEvent => ({
  id: randomUUID(),
  type,
  streamId,
  version,
  position: ++position,
  recordedAt: new Date().toISOString(),
  data: { n: position },
  metadata: { actor: { id: 'tester', role: 'admin' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
});

/** What every MessageBus adapter must do. Group names are unique per test. */
/** `retire` removes a test's consumer group from a durable broker once the test is over. */
export const messageBusContract = (
  name: string,
  open: () => Promise<MessageBus>,
  retire?: (bus: MessageBus, group: string) => Promise<void>,
) =>
  describe(`MessageBus contract: ${name}`, function () {
    this.timeout(30_000);
    let bus: MessageBus;
    let groups: string[] = [];
    beforeEach(async () => (bus = await open()));
    afterEach(async () => {
      for (const g of groups) await retire?.(bus, g);
      groups = [];
      await bus.close();
    });
    const group = () => {
      const g = `test-${randomUUID().slice(0, 8)}`;
      groups.push(g);
      return g;
    };

    it('delivers published events to every group, in publish order', async () => {
      const a: string[] = [];
      const b: string[] = [];
      await bus.consume(group(), async (e) => void a.push(e.id));
      await bus.consume(group(), async (e) => void b.push(e.id));
      const events = [storedEvent('patients.A'), storedEvent('patients.B'), storedEvent('billing.C')];
      await bus.publish(events);
      await eventually(() => a.length === 3 && b.length === 3, 'both groups');
      expect(a).to.deep.equal(events.map((e) => e.id));
      expect(b).to.deep.equal(events.map((e) => e.id));
    });

    it('delivers only the topics a group asked for', async () => {
      const got: string[] = [];
      await bus.consume(group(), async (e) => void got.push(e.type), { topics: ['patients.*'] });
      await bus.publish([storedEvent('billing.InvoiceIssued'), storedEvent('patients.PatientRegistered')]);
      await eventually(() => got.length === 1, 'the patients event');
      await new Promise((r) => setTimeout(r, 100));
      expect(got).to.deep.equal(['patients.PatientRegistered']);
    });

    it('redelivers a message whose handler failed, then succeeds', async () => {
      let calls = 0;
      const done: string[] = [];
      await bus.consume(
        group(),
        async (e) => {
          if (++calls < 3) throw new Error('transient');
          done.push(e.id);
        },
        { maxAttempts: 5 },
      );
      const event = storedEvent('patients.Flaky');
      await bus.publish([event]);
      await eventually(() => done.length === 1, 'the redelivery');
      expect(calls).to.equal(3);
    });

    it('dead-letters a message that keeps failing, goes on with the next, and replays it after a fix', async () => {
      const g = group();
      const ok: string[] = [];
      let fixed = false;
      await bus.consume(
        g,
        async (e) => {
          if (e.type === 'patients.Poison' && !fixed) throw new Error('cannot handle');
          ok.push(e.type);
        },
        { maxAttempts: 2 },
      );
      const poison = storedEvent('patients.Poison');
      await bus.publish([poison, storedEvent('patients.Fine')]);
      await eventually(() => ok.length === 1, 'the next message');
      expect(ok).to.deep.equal(['patients.Fine']);
      await eventually(async () => (await bus.deadLetters()).some((d) => d.event.id === poison.id), 'the dead letter');
      const letter = (await bus.deadLetters()).find((d) => d.event.id === poison.id);
      expect(letter).to.include({ group: g, error: 'cannot handle', attempts: 2 });
      expect(letter?.event).to.deep.equal(poison);

      fixed = true;
      expect(await bus.replayDeadLetters({ eventId: poison.id })).to.equal(1);
      await eventually(() => ok.length === 2, 'the replayed message');
      expect(ok).to.deep.equal(['patients.Fine', 'patients.Poison']);
      expect((await bus.deadLetters()).some((d) => d.event.id === poison.id)).to.equal(false);
    });

    it('rings each doorbell whose topics an event matches, and never a stopped one (others may ring: a ring is only a hint)', async () => {
      const rings = { patients: 0, billing: 0, stopped: 0 };
      await bus.doorbell(`${group()}-patients`, ['patients.*'], () => rings.patients++);
      await bus.doorbell(`${group()}-billing`, ['billing.#'], () => rings.billing++);
      const stopped = await bus.doorbell(`${group()}-stopped`, ['#'], () => rings.stopped++);
      await stopped.stop();
      await bus.publish([storedEvent('patients.PatientRegistered')]);
      await eventually(() => rings.patients > 0, 'the patients doorbell');
      await new Promise((r) => setTimeout(r, 100));
      expect(rings.patients).to.equal(1);
      expect(rings.stopped).to.equal(0);
      await bus.publish([storedEvent('billing.InvoiceIssued')]);
      await eventually(() => rings.billing > 0, 'the billing doorbell');
    });

    it('tells every listener of a subject what is announced on it, and nobody else', async () => {
      const subject = `test-${randomUUID().slice(0, 8)}`;
      const first: unknown[] = [];
      const second: unknown[] = [];
      const other: unknown[] = [];
      await bus.listen(subject, (body) => void first.push(body));
      const stopped = await bus.listen(subject, (body) => void second.push(body));
      await bus.listen(`${subject}-other`, (body) => void other.push(body));
      await bus.announce(subject, { position: 1, names: ['a'] });
      await eventually(() => first.length === 1 && second.length === 1, 'both listeners');
      expect(first).to.deep.equal([{ position: 1, names: ['a'] }]);

      await stopped.stop();
      await bus.announce(subject, { position: 2 });
      await eventually(() => first.length === 2, 'the listener still listening');
      await new Promise((r) => setTimeout(r, 100));
      expect(second).to.have.length(1);
      expect(other).to.deep.equal([]);
    });

    it('announces to nobody without failing when nobody listens', async () => {
      await bus.announce(`test-${randomUUID().slice(0, 8)}`, { position: 1 });
    });
  });
