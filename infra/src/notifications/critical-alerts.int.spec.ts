import { join } from 'node:path';
import { expect } from 'chai';
import { dispatchDue, onLabEvent, onPatientErased, type NotificationChannel } from '@hcms/notifications';
import { notificationListProjection, type NotificationView } from '@hcms/projections';
import { eventually, tempDir } from '../testing/fixtures.js';
import { labOrder, SECRETS, SODIUM } from './lab-order.fixtures.js';
import {
  appendAbout,
  contact,
  ESCALATION,
  LEASE,
  project,
  replica,
  T0,
  typesOf,
  writeStaffDirectory,
  type Replica,
} from './notifications.fixtures.js';
import { failedList, operatorRetry } from './operator.fixtures.js';

const CLINICIAN = 'c1@hospital.example';
const ON_CALL = '+441632960000';
const DIRECTORY = { staff: { c1: { name: 'Dr C', email: CLINICIAN } }, onCall: { name: 'On call', phone: ON_CALL, preferred: 'sms' } };
const ROUND = ESCALATION.repeatEverySeconds;
const ALERT = 'critical-al1';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

describe('Critical result alerts', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let n = 0;
  let now = new Date(T0);
  const clock = { now: () => now };
  let path = '';
  let r: Replica;
  beforeEach(() => {
    now = new Date(T0);
    path = join(dir.path, String(++n));
    r = replica(path, clock);
  });
  afterEach(() => r.close());

  const raise = async (target = r) => {
    const order = labOrder(target, () => now.toISOString());
    await onLabEvent(target.deps)(await order.detected('al1'));
    return order;
  };
  const dispatchAt = async (seconds: number, channel: NotificationChannel = r.outbox, target = r, dispatcher = 'D') => {
    now = at(seconds);
    await project(target);
    return dispatchDue(target.deps, target.due, channel, { dispatcher, leaseSeconds: LEASE });
  };
  const alertsSent = async (target = r) =>
    (await target.outbox.entries())
      .filter((m) => m.notificationId === ALERT)
      .sort((a, b) => a.idempotencyKey.localeCompare(b.idempotencyKey));
  const viewOf = async (notificationId: string) => {
    await project(r);
    return (await (await r.readModels.collections.of<NotificationView>(notificationListProjection)).get(notificationId))?.doc;
  };

  it('alerts the clinician, repeats, goes to the on-call contact, and stops at the read-back', async () => {
    writeStaffDirectory(path, DIRECTORY);
    const order = await raise();
    // A durable subscription may hand over the same event again.
    await onLabEvent(r.deps)((await r.store.readStream('labOrder-lo1'))[0]!);
    expect(await dispatchAt(0)).to.equal(1);
    expect(await dispatchAt(ROUND - 1), 'before the next round').to.equal(0);
    expect(await dispatchAt(ROUND)).to.equal(1);
    expect(await dispatchAt(2 * ROUND)).to.equal(1);
    await onLabEvent(r.deps)(await order.callback('al1', false));
    expect(await dispatchAt(3 * ROUND), 'a call without read-back stops nothing').to.equal(1);
    now = at(3 * ROUND + 60);
    const readBack = await order.callback('al1', true);
    await onLabEvent(r.deps)(readBack);
    await onLabEvent(r.deps)(readBack);
    expect(await dispatchAt(4 * ROUND)).to.equal(0);
    expect(await dispatchAt(10 * ROUND)).to.equal(0);

    const sent = await alertsSent();
    expect(sent.map((m) => [m.idempotencyKey, m.channel, m.to])).to.deep.equal([
      [`${ALERT}:1`, 'email', CLINICIAN],
      [`${ALERT}:2`, 'email', CLINICIAN],
      [`${ALERT}:3`, 'sms', ON_CALL],
      [`${ALERT}:4`, 'sms', ON_CALL],
    ]);
    expect(sent.map((m) => /Alert (\d+)/.exec(m.body)?.[1])).to.deep.equal(['1', '2', '3', '4']);
    for (const m of sent) {
      expect(m.subject).to.equal('Critical laboratory result: call the laboratory');
      expect(m.body).to.include('lo1');
      for (const secret of [...SECRETS, 'p1']) expect(`${m.subject} ${m.body}`).not.to.include(secret);
    }
    expect((await typesOf(r, ALERT)).slice(-1)).to.deep.equal(['NotificationAcknowledged']);
    expect((await viewOf(ALERT))?.status).to.equal('acknowledged');
  });

  it('sends each round once across a dispatcher restart between rounds, with dispatchers racing', async () => {
    writeStaffDirectory(path, DIRECTORY);
    await raise();
    expect(await dispatchAt(0)).to.equal(1);
    for (const round of [1, 2, 3]) {
      // The process stops between rounds; two replicas, one of them the restarted one, race for the next.
      await r.close();
      r = replica(path, clock);
      const other = replica(path, clock);
      try {
        now = at(round * ROUND);
        await project(r);
        const sent = await Promise.all(
          [r, other, r, other].map((target, i) =>
            dispatchDue(target.deps, target.due, target.outbox, { dispatcher: `replica-${round}-${i}`, leaseSeconds: LEASE }),
          ),
        );
        expect(
          sent.reduce((a, b) => a + b, 0),
          `round ${round + 1}`,
        ).to.equal(1);
        expect(await dispatchDue(other.deps, other.due, other.outbox, { dispatcher: 'late', leaseSeconds: LEASE })).to.equal(0);
      } finally {
        await other.close();
      }
    }
    expect((await alertsSent()).map((m) => m.idempotencyKey)).to.deep.equal([1, 2, 3, 4].map((k) => `${ALERT}:${k}`));
  });

  it('lets a send in flight at the read-back finish, and sends no further round', async () => {
    writeStaffDirectory(path, DIRECTORY);
    const order = await raise();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let handedOver = false;
    const slow: NotificationChannel = {
      send: async (m) => {
        const accepted = await r.outbox.send(m);
        handedOver = true;
        await released;
        return accepted;
      },
    };
    const inFlight = dispatchAt(0, slow);
    await eventually(() => handedOver, 'the message handed to the channel');
    await onLabEvent(r.deps)(await order.callback('al1', true));
    release();
    expect(await inFlight).to.equal(1);
    expect(await typesOf(r, ALERT)).to.deep.equal([
      'NotificationScheduled',
      'NotificationDispatchClaimed',
      'NotificationAcknowledged',
      'NotificationSent',
      'NotificationDelivered',
    ]);
    expect(await dispatchAt(ROUND)).to.equal(0);
    expect(await alertsSent()).to.have.length(1);
  });

  it('stops, saying why, once its patient is erased', async () => {
    writeStaffDirectory(path, DIRECTORY);
    await raise();
    expect(await dispatchAt(0)).to.equal(1);
    const erased = await appendAbout(r, 'patient-p1', 'p1', 'patients.PatientErased', { erasedAt: T0, reason: 'patient-request' });
    await onPatientErased(r.deps)(erased, [ALERT]);
    expect(await dispatchAt(ROUND)).to.equal(0);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'cancelled' });
    expect((await typesOf(r, ALERT)).slice(-2)).to.deep.equal(['NotificationDetailsErased', 'NotificationCancelled']);
  });

  it('goes to the on-call contact at once when the clinician has no address in the directory', async () => {
    writeStaffDirectory(path, { staff: { c1: { name: 'Dr C' } }, onCall: DIRECTORY.onCall });
    await raise();
    expect(await dispatchAt(0)).to.equal(1);
    expect((await alertsSent()).map((m) => m.to)).to.deep.equal([ON_CALL]);
  });

  it('never ends by failing: with nobody to reach, each round fails where operators see it and the next follows', async () => {
    const order = await raise(); // no staff directory at all, as on a fresh install
    // The clinician's round fails three times, then the on-call round at once, three times.
    for (const seconds of [0, 10, 30, 30, 40, 60]) expect(await dispatchAt(seconds)).to.equal(0);
    const failedRound = ['DeliveryAttemptFailed', 'DeliveryAttemptFailed', 'DeliveryFailed', 'NotificationRepeated'];
    expect(await typesOf(r, ALERT)).to.deep.equal(['NotificationScheduled', ...failedRound, ...failedRound]);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'scheduled', round: 4, dueAt: at(60 + ROUND).toISOString(), failing: true });
    expect((await viewOf(ALERT))?.lastError).to.match(/neither the staff member nor the on-call contact/);
    expect((await failedList(r)).map((n) => n.notificationId)).to.deep.equal([ALERT]);

    // The on-call contact's round is not hammered: the next comes after the repeat interval, and fails in turn.
    expect(await dispatchAt(60 + ROUND - 1)).to.equal(0);
    expect(await typesOf(r, ALERT)).to.have.length(9);
    for (const seconds of [0, 10, 30]) expect(await dispatchAt(60 + ROUND + seconds)).to.equal(0);
    expect((await typesOf(r, ALERT)).slice(9)).to.deep.equal(failedRound);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'scheduled', round: 5, failing: true });

    // The read-back stops it, and operators have nothing left to see.
    await onLabEvent(r.deps)(await order.callback('al1', true));
    expect(await dispatchAt(10 * ROUND)).to.equal(0);
    expect((await typesOf(r, ALERT)).slice(-1)).to.deep.equal(['NotificationAcknowledged']);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'acknowledged' });
    expect(await failedList(r)).to.deep.equal([]);
  });

  it("goes on through an outage of the on-call contact's channel, and an operator's retry brings the next round forward", async () => {
    writeStaffDirectory(path, DIRECTORY);
    let smsDown = true;
    const outage: NotificationChannel = {
      send: async (m) => {
        if (m.channel === 'sms' && smsDown) throw new Error('sms provider unavailable');
        return r.outbox.send(m);
      },
      lookup: (m) => r.outbox.lookup(m),
    };
    await raise();
    expect(await dispatchAt(0, outage)).to.equal(1);
    expect(await dispatchAt(ROUND, outage)).to.equal(1);
    // Round 3, the on-call contact's, fails all its attempts: it is listed, and round 4 is due a round later.
    for (const seconds of [0, 10, 30]) expect(await dispatchAt(2 * ROUND + seconds, outage)).to.equal(0);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'scheduled', round: 4, dueAt: at(3 * ROUND + 30).toISOString(), failing: true });
    expect((await failedList(r)).map((n) => n.notificationId)).to.deep.equal([ALERT]);

    // The provider is back; an operator retries at once rather than wait for round 4.
    smsDown = false;
    now = at(2 * ROUND + 40);
    expect(await operatorRetry(r, ALERT)).to.equal(undefined);
    expect(await operatorRetry(r, ALERT), 'a second click').to.equal('NOT_FAILED');
    expect(await dispatchAt(2 * ROUND + 40, outage)).to.equal(1);
    expect(await viewOf(ALERT)).to.deep.include({ round: 5, dueAt: at(3 * ROUND + 40).toISOString() });
    expect(await failedList(r)).to.deep.equal([]);
    expect(await dispatchAt(3 * ROUND + 30, outage), 'round 4 was brought forward, not added').to.equal(0);
    expect(await dispatchAt(3 * ROUND + 40, outage)).to.equal(1);

    const sent = await alertsSent();
    expect(sent.map((m) => [m.idempotencyKey, m.channel, /Alert (\d+)/.exec(m.body)?.[1]])).to.deep.equal([
      [`${ALERT}:1`, 'email', '1'],
      [`${ALERT}:2`, 'email', '2'],
      [`${ALERT}:4`, 'sms', '4'],
      [`${ALERT}:5`, 'sms', '5'],
    ]);
  });

  it('stops once a corrected report supersedes the report it was about', async () => {
    writeStaffDirectory(path, DIRECTORY);
    const order = await raise();
    expect(await dispatchAt(0)).to.equal(1);
    now = at(60);
    const corrected = await order.finalized(2, [SODIUM]);
    const superseded = await order.superseded('al1', 2);
    for (const event of [corrected, superseded, superseded]) await onLabEvent(r.deps)(event);
    expect(await dispatchAt(ROUND), "the clinician's notice of the corrected report, and no round 2").to.equal(1);
    expect(await dispatchAt(10 * ROUND)).to.equal(0);
    expect(await alertsSent()).to.have.length(1);
    expect((await r.outbox.entries()).map((m) => m.notificationId).sort()).to.deep.equal(['corrected-lo1-2', ALERT]);
    expect((await typesOf(r, ALERT)).slice(-2)).to.deep.equal(['NotificationRepeated', 'NotificationAcknowledged']);
    expect(await viewOf(ALERT)).to.deep.include({ status: 'acknowledged' });
  });

  it('fails the attempt, and only that one, when the staff directory cannot be read', async () => {
    writeStaffDirectory(path, { staff: { c1: { email: CLINICIAN, preferred: 'pager' } } });
    await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
    await raise();
    await onLabEvent(r.deps)(await labOrder(r, () => now.toISOString(), 'lo2').finalized(1, [SODIUM]));
    expect(await dispatchAt(0), "another order's notice to the patient in the same pass").to.equal(1);
    expect((await typesOf(r, ALERT)).slice(-1)).to.deep.equal(['DeliveryAttemptFailed']);
    expect((await viewOf(ALERT))?.lastError).to.match(/staff directory/);
    writeStaffDirectory(path, DIRECTORY);
    expect(await dispatchAt(10)).to.equal(1);
    expect((await alertsSent()).map((m) => m.to)).to.deep.equal([CLINICIAN]);
  });
});
