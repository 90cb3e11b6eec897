import { Container } from 'inversify';
import { join } from 'node:path';
import { ReadModelProgress, projections } from '@hcms/projections';
import { jwtTokenService } from '../auth/jwt.js';
import type { Config } from '../config/config.js';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { createLogger } from '../system/logger.js';
import { randomMrnGenerator } from '../system/mrn-generator.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { T } from './tokens.js';

/** The embedded platform: SQLite files in the data directory and the in-process bus. */
export const embeddedContainer = (config: Config): Container => {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(T.Config).toConstantValue(config);
  c.bind(T.Logger).toResolvedValue(() => createLogger(config.logLevel));
  c.bind(T.Clock).toConstantValue(systemClock);
  c.bind(T.Ids).toConstantValue(uuidV7Generator);
  c.bind(T.Mrns).toConstantValue(randomMrnGenerator);
  c.bind(T.EventsDb).toResolvedValue(() => openDatabase(join(config.dataDir, 'events.db'), config.durability));
  // Read models are rebuilt from the log after a power loss, so they need not fsync every commit.
  c.bind(T.ReadDb).toResolvedValue(() => openDatabase(join(config.dataDir, 'read-models.db'), 'normal'));
  c.bind(T.EventStore).toResolvedValue((db, clock) => new SqliteEventStore(db, clock), [T.EventsDb, T.Clock]);
  c.bind(T.Checkpoints).toResolvedValue((db) => new SqliteCheckpointStore(db), [T.EventsDb]);
  c.bind(T.ReadStore).toResolvedValue((db) => new SqliteReadStore(db), [T.ReadDb]);
  c.bind(T.Bus).toResolvedValue(() => new InMemoryBus());
  c.bind(T.Tokens).toResolvedValue(() => jwtTokenService(config.jwtSecret, config.jwtIssuer, config.tokenTtlSeconds));
  c.bind(T.PatientsDeps).toResolvedValue(
    (store, ids, clock, mrns) => ({ store, ids, clock, mrns }),
    [T.EventStore, T.Ids, T.Clock, T.Mrns],
  );
  c.bind(T.ReadModelDeps).toResolvedValue(
    (readStore) => ({
      readStore,
      progress: new ReadModelProgress(
        readStore,
        projections.map((p) => p.name),
      ),
      readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    }),
    [T.ReadStore],
  );
  return c;
};
