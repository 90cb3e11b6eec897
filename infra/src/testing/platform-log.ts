import { join } from 'node:path';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { masterKeyFrom } from '../integrity/key-files.js';
import { ShreddingEventStore } from '../privacy/shredding-event-store.js';
import { SqlitePatientKeys } from '../privacy/sqlite-patient-keys.js';
import { PERSONAL_DATA } from '../roles/contexts.js';
import { systemClock } from '../system/system-clock.js';

/** A platform's event log read as the platform reads it: personal fields opened with its keys. */
class PlatformLog extends ShreddingEventStore {
  constructor(
    log: SqliteEventStore,
    private readonly patientKeys: SqlitePatientKeys,
  ) {
    super(log, patientKeys, PERSONAL_DATA);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.patientKeys.close();
  }
}

/** The embedded event log of a data directory, with its keys (created, as the platform would, if it has not started yet). */
export const platformLog = (dataDir: string): ShreddingEventStore => {
  const master = masterKeyFrom(join(dataDir, 'keys', 'master.key'), { create: true });
  const keys = SqlitePatientKeys.open(join(dataDir, 'patient-keys.db'), master);
  return new PlatformLog(new SqliteEventStore(openDatabase(join(dataDir, 'events.db'), 'full'), systemClock), keys);
};
