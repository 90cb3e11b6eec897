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
export const messageBusContract = (name: string, open: () => Promise<MessageBus>) =>
  describe(`MessageBus contract: ${name}`, function () {
    this.timeout(30_000);
    let bus: MessageBus;
    beforeEach(async () => (bus = await open()));
    afterEach(async () => bus.close());
    const group = () => `test-${randomUUID().slice(0, 8)}`;

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

    it('dead-letters a message that keeps failing, and goes on with the next', async () => {
      const g = group();
      const ok: string[] = [];
      await bus.consume(
        g,
        async (e) => {
          if (e.type === 'patients.Poison') throw new Error('cannot handle');
          ok.push(e.id);
        },
        { maxAttempts: 2 },
      );
      const poison = storedEvent('patients.Poison');
      const fine = storedEvent('patients.Fine');
      await bus.publish([poison, fine]);
      await eventually(() => ok.length === 1, 'the next message');
      await eventually(async () => (await bus.deadLetters()).some((d) => d.event.id === poison.id), 'the dead letter');
      const letter = (await bus.deadLetters()).find((d) => d.event.id === poison.id);
      expect(letter).to.include({ group: g, error: 'cannot handle' });
    });
  });
