import { DEV_JWT_SECRET } from '../config/config.js';
import { jwtTokenService } from '../auth/jwt.js';
import { bookedInLog, bookingBurst, expectEachNotificationOnce } from '../testing/booking-burst.js';
import { jsonCaller } from '../testing/json-caller.js';
import { tempDir } from '../testing/fixtures.js';
import { spawnedPlatform } from '../testing/spawned-platform.js';
import { platformLog } from '../testing/platform-log.js';

const START_IN_SECONDS = 86_400 + 20;

describe('The embedded platform killed with SIGKILL under a burst of bookings', function () {
  this.timeout(180_000);
  const dir = tempDir();
  // Reminders fall due a few seconds after the burst; the dispatcher looks often.
  const platform = spawnedPlatform(dir.path, { HCMS_REMINDER_LEAD_SECONDS: String(86_400), HCMS_DISPATCH_INTERVAL_MS: '50' });
  const start = () => platform.start();
  const killed = (signal: NodeJS.Signals) => platform.stop(signal);

  before(start);
  after(async () => {
    await killed('SIGTERM');
    dir.remove();
  });

  it('sends every confirmation, reminder and cancellation exactly once after a restart', async () => {
    const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
    const [desk, admin] = await Promise.all([tokens.issue('desk-crash', 'receptionist'), tokens.issue('admin-crash', 'admin')]);
    const call = jsonCaller(`http://127.0.0.1:${platform.port}`, { staff: desk, admin });
    const store = platformLog(dir.path);
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
