import { join } from 'node:path';
import { expect } from 'chai';
import { dispatchDue, onLabEvent } from '@hcms/notifications';
import type { StoredEvent } from '@hcms/shared-kernel';
import { tempDir } from '../testing/fixtures.js';
import { labOrder, SECRETS, SODIUM } from './lab-order.fixtures.js';
import { contact, LEASE, project, replica, T0, typesOf, writeStaffDirectory, type Replica } from './notifications.fixtures.js';

const DAY = 86_400;
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

describe('Notices that laboratory results are available', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let n = 0;
  let now = new Date(T0);
  let r: Replica;
  beforeEach(() => {
    now = new Date(T0);
    const path = join(dir.path, String(++n));
    r = replica(path, { now: () => now });
    writeStaffDirectory(path, { staff: { c1: { email: 'c1@hospital.example' } } });
  });
  afterEach(() => r.close());

  const order = (labOrderId = 'lo1') => labOrder(r, () => now.toISOString(), labOrderId);
  const handle = async (...events: StoredEvent[]) => {
    for (const e of events) await onLabEvent(r.deps)(e);
  };
  const dispatchAt = async (seconds: number) => {
    now = at(seconds);
    await project(r);
    return dispatchDue(r.deps, r.due, r.outbox, { dispatcher: 'D', leaseSeconds: LEASE });
  };
  const outbox = async () =>
    (await r.outbox.entries()).map((m) => ({ id: m.notificationId, channel: m.channel, to: m.to, text: `${m.subject} ${m.body}` }));

  it('tells the patient by their preferred channel, once, with no value and no test', async () => {
    await contact(r, 'p1', { email: 'p1@example.org', phone: '+441632960961', preferred: 'sms', optOut: false });
    const finalized = await order().finalized(1, [SODIUM]);
    await handle(finalized, finalized);
    expect(await dispatchAt(0)).to.equal(1);
    expect(await dispatchAt(DAY)).to.equal(0);
    const [notice, ...rest] = await outbox();
    expect(rest).to.deep.equal([]);
    expect(notice).to.deep.include({ id: 'results-lo1-1', channel: 'sms', to: '+441632960961' });
    expect(notice?.text).to.include('Your test results are available');
    for (const secret of SECRETS) expect(notice?.text).not.to.include(secret);
  });

  it('tells the clinician of a corrected report, once, and the patient of updated results', async () => {
    await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
    const lab = order();
    await handle(await lab.finalized(1, [SODIUM]), await lab.finalized(2, [SODIUM]));
    expect(await dispatchAt(0)).to.equal(3);
    expect(await dispatchAt(DAY)).to.equal(0);
    const sent = (await outbox()).sort((a, b) => a.id.localeCompare(b.id));
    expect(sent.map((m) => [m.id, m.to])).to.deep.equal([
      ['corrected-lo1-2', 'c1@hospital.example'],
      ['results-lo1-1', 'p1@example.org'],
      ['results-lo1-2', 'p1@example.org'],
    ]);
    expect(sent[2]?.text).to.match(/updated/i);
    for (const m of sent) for (const secret of [...SECRETS, 'sample re-run']) expect(m.text).not.to.include(secret);
  });

  it('tells a patient who opted out or died nothing', async () => {
    await contact(r, 'p1', { email: 'p1@example.org', optOut: true });
    await contact(r, 'p2', { email: 'p2@example.org', optOut: false, deceased: true });
    await handle(await order('lo1').finalized(1, [SODIUM]), await labOrder(r, () => now.toISOString(), 'lo2', 'p2').finalized(1, [SODIUM]));
    expect(await dispatchAt(0)).to.equal(0);
    expect(await outbox()).to.deep.equal([]);
    expect((await typesOf(r, 'results-lo1-1')).slice(-1)).to.deep.equal(['NotificationCancelled']);
    expect(await typesOf(r, 'results-lo2-1')).to.deep.equal([]);
  });

  describe('of a report with a critical result', () => {
    const critical = async (labOrderId = 'lo1') => {
      const lab = order(labOrderId);
      return { lab, finalized: await lab.finalized(1), detected: await lab.detected(`${labOrderId}.1`) };
    };

    it('tells the patient only after the read-back, once, however often the events are seen', async () => {
      await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
      const { lab, finalized, detected } = await critical();
      await handle(finalized, detected, finalized);
      expect(await dispatchAt(0), 'the alert alone').to.equal(1);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([]);
      await handle(await lab.callback('lo1.1', false));
      expect(await typesOf(r, 'results-lo1-1'), 'a call without read-back').to.deep.equal([]);
      now = at(300);
      const readBack = await lab.callback('lo1.1', true);
      await handle(readBack, finalized, readBack);
      expect(await dispatchAt(300)).to.equal(1);
      await handle(readBack, finalized, detected);
      expect(await dispatchAt(DAY)).to.equal(0);
      expect((await outbox()).filter((m) => m.id === 'results-lo1-1')).to.have.length(1);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([
        'NotificationScheduled',
        'NotificationDispatchClaimed',
        'NotificationSent',
        'NotificationDelivered',
      ]);
    });

    it('tells the patient once whatever order the events are handled in', async () => {
      await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
      const { lab, finalized, detected } = await critical();
      const readBack = await lab.callback('lo1.1', true);
      await handle(readBack, detected, finalized, readBack);
      expect(await typesOf(r, 'critical-lo1.1'), 'an alert answered before it was raised').to.deep.equal([]);
      expect(await dispatchAt(0)).to.equal(1);
      expect((await outbox()).map((m) => m.id)).to.deep.equal(['results-lo1-1']);
    });

    it('tells the patient of the corrected report once it superseded the open alert, and still the clinician', async () => {
      await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
      const { lab, finalized, detected } = await critical();
      await handle(finalized, detected);
      const corrected = await lab.finalized(2, [SODIUM]);
      const superseded = await lab.superseded('lo1.1', 2);
      await handle(corrected, superseded, superseded);
      expect(await dispatchAt(0)).to.equal(2);
      expect((await outbox()).map((m) => m.id).sort()).to.deep.equal(['corrected-lo1-2', 'results-lo1-2']);
      expect(await typesOf(r, 'critical-lo1.1')).to.deep.equal(['NotificationScheduled', 'NotificationAcknowledged']);
    });

    it('keeps the patient waiting while a corrected report is critical too, until its own read-back', async () => {
      await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
      const { lab, finalized, detected } = await critical();
      const corrected = await lab.finalized(2);
      const raisedAgain = await lab.detected('lo1.2', 2);
      const superseded = await lab.superseded('lo1.1', 2);
      await handle(finalized, detected, corrected, raisedAgain, superseded);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([]);
      expect(await typesOf(r, 'results-lo1-2')).to.deep.equal([]);
      await handle(await lab.callback('lo1.2', true, 2));
      expect((await typesOf(r, 'results-lo1-2')).slice(0, 1)).to.deep.equal(['NotificationScheduled']);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([]);
    });
  });

  describe('when the policy meets old events (a subscription reading the log from its start)', () => {
    it('tells no patient of a report recorded two days ago, yet raises an alert nobody answered, and not one answered', async () => {
      await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
      now = at(-2 * DAY);
      const lab = order('lo1');
      const answered = order('lo2');
      const events = [
        await lab.finalized(1, [SODIUM]),
        await lab.detected('al1'),
        await answered.finalized(1),
        await answered.detected('al2'),
        await answered.callback('al2', true),
      ];
      now = new Date(T0);
      await handle(...events);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([]);
      expect(await typesOf(r, 'results-lo2-1'), 'released by a read-back two days ago').to.deep.equal([]);
      expect(await typesOf(r, 'critical-al1')).to.deep.equal(['NotificationScheduled']);
      expect(await typesOf(r, 'critical-al2')).to.deep.equal([]);
    });

    it('still tells the clinician of a correction, however old', async () => {
      now = at(-30 * DAY);
      const lab = order('lo1');
      const events = [await lab.finalized(1, [SODIUM]), await lab.finalized(2, [SODIUM])];
      now = new Date(T0);
      await handle(...events);
      expect(await typesOf(r, 'corrected-lo1-2')).to.deep.equal(['NotificationScheduled']);
      expect(await typesOf(r, 'results-lo1-1')).to.deep.equal([]);
      expect(await typesOf(r, 'results-lo1-2')).to.deep.equal([]);
    });
  });
});
