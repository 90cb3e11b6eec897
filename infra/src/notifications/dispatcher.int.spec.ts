import { join } from 'node:path';
import { expect } from 'chai';
import { dispatchDue, type NotificationChannel, type OutgoingMessage } from '@hcms/notifications';
import type { ContactDoc } from '@hcms/projections';
import { eventually, tempDir } from '../testing/fixtures.js';
import { startSmsProvider } from '../testing/sms-provider.js';
import { channelRouter } from './channel-router.js';
import { contact, LEASE, project, replica, schedule, startStallingProxy, T0, typesOf, type Replica } from './notifications.fixtures.js';
import type { OutboxChannel } from './outbox-channel.js';
import { SmsHttpChannel } from './sms-http-channel.js';

describe('Dispatching notifications from one store', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let n = 0;
  const fresh = () => join(dir.path, String(++n));

  describe('with several dispatchers at once', () => {
    it('sends each notification exactly once, by e-mail to the outbox and by SMS to the provider', async () => {
      const sms = await startSmsProvider();
      const clock = { now: () => new Date(T0) };
      const path = fresh();
      const replicas = [replica(path, clock), replica(path, clock), replica(path, clock)];
      const [first] = replicas as [Replica, ...Replica[]];
      try {
        const ids: string[] = [];
        for (let i = 1; i <= 24; i++) {
          const channel = i % 2 === 0 ? 'sms' : 'email';
          ids.push(await schedule(first, i, channel));
          await contact(
            first,
            `p${i}`,
            channel === 'sms' ? { phone: `+44${i}`, preferred: 'sms', optOut: false } : { email: `p${i}@example.org`, optOut: false },
          );
        }
        await project(first);
        const sent = await Promise.all(
          replicas.map((r, i) =>
            dispatchDue(r.deps, r.due, channelRouter({ email: r.outbox, sms: new SmsHttpChannel(sms.url, 't') }), {
              dispatcher: `replica-${i}`,
              leaseSeconds: LEASE,
            }),
          ),
        );
        expect(sent.reduce((a, b) => a + b, 0)).to.equal(24);
        const outboxed = (await first.outbox.entries()).map((m) => m.notificationId).sort();
        expect(outboxed).to.deep.equal(ids.filter((_, i) => i % 2 === 0).sort());
        expect(sms.received.map((m) => m.to).sort()).to.deep.equal(
          ids
            .filter((_, i) => i % 2 === 1)
            .map((id) => `+44${id.slice('reminder-a'.length)}`)
            .sort(),
        );
        for (const id of ids)
          expect(await typesOf(first, id), id).to.deep.equal([
            'NotificationScheduled',
            'NotificationDispatchClaimed',
            'NotificationSent',
            'NotificationDelivered',
          ]);
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
        await sms.stop();
      }
    });
  });

  describe('when a dispatcher dies after the channel took the message and before the outcome was recorded', () => {
    /** A channel that hands the message over, then never answers: the process died there. */
    const dyingAfterHandOver = (inner: NotificationChannel) => {
      const handedOver: OutgoingMessage[] = [];
      let revive: () => void = () => undefined;
      const revived = new Promise<void>((resolve) => (revive = resolve));
      const channel: NotificationChannel = {
        send: async (m) => {
          const accepted = await inner.send(m);
          handedOver.push(m);
          await revived;
          return accepted;
        },
      };
      return { channel, handedOver, revive };
    };

    const crashThenTakeOver = async (channelOf: (r: Replica) => NotificationChannel, count: () => Promise<number>) => {
      let now = new Date(T0);
      const clock = { now: () => now };
      const path = fresh();
      const [a, b] = [replica(path, clock), replica(path, clock)];
      try {
        const id = await schedule(a, 1, 'email');
        await contact(a, 'p1', { email: 'p1@example.org', optOut: false });
        await project(a);
        const dying = dyingAfterHandOver(channelOf(a));
        const deadRound = dispatchDue(a.deps, a.due, dying.channel, { dispatcher: 'A', leaseSeconds: LEASE });
        await eventually(() => dying.handedOver.length > 0, 'the dying dispatcher handing the message over');
        expect(await typesOf(a, id)).to.deep.equal(['NotificationScheduled', 'NotificationDispatchClaimed']);

        // Within the lease nobody touches it; after it, another dispatcher reconciles.
        expect(await dispatchDue(b.deps, b.due, channelOf(b), { dispatcher: 'B', leaseSeconds: LEASE })).to.equal(0);
        now = new Date(Date.parse(T0) + (LEASE + 1) * 1000);
        expect(await dispatchDue(b.deps, b.due, channelOf(b), { dispatcher: 'B', leaseSeconds: LEASE })).to.equal(1);
        dying.revive();
        expect(await deadRound).to.equal(0);

        expect(await count()).to.equal(1);
        const stream = await a.store.readStream(`notification-${id}`);
        expect(stream.map((e) => e.type.slice('notifications.'.length))).to.deep.equal([
          'NotificationScheduled',
          'NotificationDispatchClaimed',
          'NotificationDispatchClaimed',
          'NotificationSent',
          'NotificationDelivered',
        ]);
        expect(stream[2]?.data).to.deep.include({ dispatcher: 'B', takesOverFrom: 'A', idempotencyKey: `${id}:1` });
        expect(stream[3]?.data).to.deep.include({ attempt: 1, idempotencyKey: `${id}:1` });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    };

    it('asks the channel what it has under the key, and records that instead of sending again', async () => {
      const sms = await startSmsProvider();
      try {
        let lookups = 0;
        const channelOf = (): NotificationChannel => {
          const inner = new SmsHttpChannel(sms.url, 't');
          return { send: (m) => inner.send({ ...m, channel: 'sms' }), lookup: async (m) => (lookups++, inner.lookup(m)) };
        };
        await crashThenTakeOver(channelOf, async () => sms.received.length);
        expect(lookups).to.equal(1);
        expect(sms.state.calls).to.equal(2); // the dead dispatcher's send and the survivor's lookup
      } finally {
        await sms.stop();
      }
    });

    it('sends again under the same key where the channel cannot be asked, and the channel keeps one', async () => {
      let outbox: OutboxChannel | undefined;
      const channelOf = (r: Replica): NotificationChannel => {
        outbox ??= r.outbox;
        return { send: (m) => r.outbox.send(m) };
      };
      await crashThenTakeOver(channelOf, async () => (await outbox?.entries())?.length ?? 0);
    });
  });

  describe('when a send times out after the provider took the message', () => {
    it('retries the same message under the same key, asking the provider first, so the patient gets one SMS', async () => {
      const sms = await startSmsProvider();
      const proxy = await startStallingProxy(sms.url);
      let now = new Date(T0);
      const r = replica(fresh(), { now: () => now });
      try {
        const id = await schedule(r, 1, 'sms');
        await contact(r, 'p1', { phone: '+441632960961', preferred: 'sms', optOut: false });
        await project(r);
        // The provider never answers the first send: the channel's own timeout ends it.
        const channel = new SmsHttpChannel(proxy.url, 't', 1_000);
        expect(await dispatchDue(r.deps, r.due, channel, { dispatcher: 'A', leaseSeconds: LEASE })).to.equal(0);
        await eventually(() => sms.received.length === 1, 'the provider taking the first send');
        expect(await typesOf(r, id)).to.deep.equal(['NotificationScheduled', 'NotificationDispatchClaimed', 'DeliveryAttemptFailed']);

        now = new Date(Date.parse(T0) + 11_000); // past the first retry delay (10 s)
        await project(r);
        expect(await dispatchDue(r.deps, r.due, channel, { dispatcher: 'A', leaseSeconds: LEASE })).to.equal(1);
        expect(sms.received).to.have.length(1);
        expect(proxy.methods).to.deep.equal(['POST', 'GET']);
        const stream = await r.store.readStream(`notification-${id}`);
        expect(stream.map((e) => e.type.slice('notifications.'.length))).to.deep.equal([
          'NotificationScheduled',
          'NotificationDispatchClaimed',
          'DeliveryAttemptFailed',
          'NotificationDispatchClaimed',
          'NotificationSent',
          'NotificationDelivered',
        ]);
        expect(stream[3]?.data).to.deep.include({ attempt: 2, idempotencyKey: `${id}:1` });
        expect(stream[4]?.data).to.deep.include({ attempt: 2, idempotencyKey: `${id}:1`, reference: 'sms-1' });
      } finally {
        await r.close();
        await proxy.stop();
        await sms.stop();
      }
    });
  });

  describe('reading the contact at send time', () => {
    const once = async (doc: ContactDoc | undefined) => {
      const clock = { now: () => new Date(T0) };
      const r = replica(fresh(), clock);
      try {
        const id = await schedule(r, 1, 'email', 'old@example.org');
        if (doc) await contact(r, 'p1', doc);
        await project(r);
        await dispatchDue(r.deps, r.due, r.outbox, { dispatcher: 'A', leaseSeconds: LEASE });
        const stream = await r.store.readStream(`notification-${id}`);
        return { outbox: await r.outbox.entries(), last: stream[stream.length - 1] };
      } finally {
        await r.close();
      }
    };

    it('sends to the address the patient has now, not the one known when scheduling', async () => {
      const { outbox } = await once({ email: 'new@example.org', optOut: false });
      expect(outbox.map((m) => m.to)).to.deep.equal(['new@example.org']);
    });
    it('follows a change of preferred channel', async () => {
      const { outbox } = await once({ email: 'new@example.org', phone: '+441632960961', preferred: 'sms', optOut: false });
      expect(outbox.map((m) => [m.channel, m.to])).to.deep.equal([['sms', '+441632960961']]);
    });
    it('sends nothing after an opt-out, and says why', async () => {
      const { outbox, last } = await once({ email: 'new@example.org', optOut: true });
      expect(outbox).to.deep.equal([]);
      expect(last?.type).to.equal('notifications.NotificationCancelled');
      expect(last?.data).to.deep.include({ reason: 'patient opted out' });
    });
    it('sends nothing to a deceased patient', async () => {
      const { outbox, last } = await once({ email: 'new@example.org', optOut: false, deceased: true });
      expect(outbox).to.deep.equal([]);
      expect(last?.data).to.deep.include({ reason: 'patient deceased' });
    });
  });
});
