import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_JWT_SECRET } from '../config/config.js';
import { jwtTokenService } from '../auth/jwt.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { freePort, waitHealthy } from '../stack/stack.js';
import { systemClock } from '../system/system-clock.js';
import { bookedInLog, bookingBurst, expectEachNotificationOnce } from '../testing/booking-burst.js';
import { jsonCaller } from '../testing/json-caller.js';
import { tempDir } from '../testing/fixtures.js';

const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');
const START_IN_SECONDS = 86_400 + 20;

describe('The embedded platform killed with SIGKILL under a burst of bookings', function () {
  this.timeout(180_000);
  const dir = tempDir();
  let child: ChildProcess | undefined;
  let port: number;

  const start = async () => {
    child = spawn(process.execPath, [HCMS, 'start'], {
      env: {
        ...process.env,
        HCMS_DATA_DIR: dir.path,
        HCMS_PORT: String(port),
        HCMS_JWT_SECRET: DEV_JWT_SECRET,
        HCMS_LOG_LEVEL: 'silent',
        // Reminders fall due a few seconds after the burst; the dispatcher looks often.
        HCMS_REMINDER_LEAD_SECONDS: String(86_400),
        HCMS_DISPATCH_INTERVAL_MS: '50',
      },
      stdio: 'ignore',
    });
    await waitHealthy(port, child);
  };
  const killed = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });

  before(async () => {
    port = await freePort();
    await start();
  });
  after(async () => {
    await killed('SIGTERM');
    dir.remove();
  });

  it('sends every confirmation, reminder and cancellation exactly once after a restart', async () => {
    const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
    const [desk, admin] = await Promise.all([tokens.issue('desk-crash', 'receptionist'), tokens.issue('admin-crash', 'admin')]);
    const call = jsonCaller(`http://127.0.0.1:${port}`, { staff: desk, admin });
    const store = new SqliteEventStore(openDatabase(join(dir.path, 'events.db'), 'full'), systemClock);
    try {
      const burst = await bookingBurst(call, store, 30, START_IN_SECONDS, async (acknowledged) => {
        if (acknowledged === 8) await killed('SIGKILL');
      });
      await start();
      const booked = await bookedInLog(store, burst);
      // Some patients leave the practice: their appointments are cancelled by policy, and they are told once.
      const leaving = [...booked].slice(0, 4);
      for (const [, patientId] of leaving) {
        await call('POST', `/patients/${patientId}/deactivate`, { reason: 'moved away' }, 'admin');
      }
      await expectEachNotificationOnce(call, booked, new Set(leaving.map(([appointmentId]) => appointmentId)));
    } finally {
      await store.close();
    }
  });
});
