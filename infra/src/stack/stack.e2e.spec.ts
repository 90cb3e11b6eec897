import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bookedInLog, bookingBurst, expectEachNotificationOnce } from '../testing/booking-burst.js';
import { startStackFixture, type StackFixture } from './stack-fixture.js';

const run = promisify(execFile);

describe('The platform as separate processes over RabbitMQ and FerretDB', function () {
  this.timeout(180_000);
  let f: StackFixture;
  before(async () => (f = await startStackFixture()));
  after(async () => f?.close());

  it('registers and updates patients through the gateway, and the read models converge', async () => {
    const ids = await f.load(6, 3);
    const found = await f.call('GET', `/patients?name=load&limit=100`);
    expect(found.status).to.equal(200);
    await f.expectExactReadModels(ids);
    const history = await f.call('GET', `/patients/${ids[0]}/history`);
    expect((history.body['events'] as unknown[]).length).to.equal(4);
  });

  it('lets exactly one of many concurrent bookings of one slot win across processes', async () => {
    const admin = (method: string, path: string, body?: unknown) => f.call(method, path, body, 'admin');
    const provider = await admin('POST', '/providers', { name: 'Dr Stack', specialty: 'dermatology', timeZone: 'UTC' });
    const providerId = String(provider.body['providerId']);
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
    expect((await admin('PUT', `/providers/${providerId}/availability`, { hours, slotMinutes: 20 })).status).to.equal(200);
    const patients = await f.load(10, 0);
    await f.expectExactReadModels(patients);
    const start = `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T10:00:00Z`;
    const results = await Promise.all(
      patients.map((patientId) =>
        f.call('POST', '/appointments', { patientId, providerId, start, minutes: 20, reason: 'rash', type: 'video' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, ...Array<number>(9).fill(409)]);
  });

  it('shows operators the dead letters through the gateway, to admins only', async () => {
    const listed = await f.call('GET', '/dead-letters', undefined, 'admin');
    expect(listed.status).to.equal(200);
    expect(listed.body).to.deep.equal({ count: 0, items: [] });
    expect((await f.call('GET', '/dead-letters')).status).to.equal(403);
    const replayed = await f.call('POST', '/dead-letters/replay', { group: 'projection.patient-list' }, 'admin');
    expect(replayed.body).to.deep.equal({ replayed: 0 });
  });

  it('loses nothing and applies nothing twice when the relay is killed with SIGKILL mid-stream', async () => {
    const ids = await f.load(20, 4, async (done) => {
      if (done === 6) {
        await f.stack.kill('relay', 'SIGKILL');
        await f.stack.start('relay');
      }
    });
    await f.expectExactReadModels(ids);
  });

  it('loses nothing and applies nothing twice when the projector is killed before acking', async () => {
    const ids = await f.load(20, 4, async (done) => {
      if (done === 6) {
        await f.stack.kill('projector', 'SIGKILL');
        await f.stack.start('projector');
      }
    });
    await f.expectExactReadModels(ids);
  });

  it('sends every confirmation, reminder and cancellation once when the context processes are SIGKILLed under bookings', async () => {
    const burst = await bookingBurst(f.call, f.store, 20, 86_400 + 25, async (acknowledged) => {
      if (acknowledged === 6) await Promise.all([f.stack.kill('appointments', 'SIGKILL'), f.stack.kill('notifications', 'SIGKILL')]);
    });
    await f.stack.start('appointments');
    await f.stack.start('notifications');
    const booked = await bookedInLog(f.store, burst);
    const leaving = [...booked].slice(0, 3);
    for (const [, patientId] of leaving) await f.call('POST', `/patients/${patientId}/deactivate`, { reason: 'moved away' }, 'admin');
    await expectEachNotificationOnce(f.call, booked, new Set(leaving.map(([appointmentId]) => appointmentId)));
  });

  it('recovers when RabbitMQ restarts under load', async () => {
    const ids = await f.load(20, 4, async (done) => {
      if (done === 6) {
        await run('rabbitmqctl', ['-q', 'stop_app']);
        await new Promise((r) => setTimeout(r, 500));
        await run('rabbitmqctl', ['-q', 'start_app']);
      }
    });
    await f.expectExactReadModels(ids);
  });
});
