import { randomUUID } from 'node:crypto';
import { readStoreContract } from '../../testing/read-store.contract.js';
import { requiredEnv } from '../../testing/servers.js';
import { MongoReadStore } from './mongo-read-store.js';

readStoreContract('MongoDB wire (FerretDB in tests)', () =>
  MongoReadStore.connect(requiredEnv('HCMS_TEST_MONGODB_URL'), `test_${randomUUID().slice(0, 8)}`),
);
