import { eventStoreContract } from '../../testing/event-store.contract.js';
import { EventStoreDbTestServer } from '../../testing/eventstoredb-test-server/eventstoredb-test-server.js';
import { logIdContract } from '../log-id.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * Against a real EventStoreDB when HCMS_TEST_ESDB_URL is set (e.g. esdb://localhost:2113?tls=false),
 * otherwise against the protocol test server kept in testing/.
 */
describe('EventStoreDB adapter', () => {
  let server: EventStoreDbTestServer | undefined;
  let url = process.env['HCMS_TEST_ESDB_URL'] ?? '';
  before(async () => {
    if (url) return;
    server = await EventStoreDbTestServer.start();
    url = server.connectionString;
  });
  after(async () => server?.stop());

  eventStoreContract(process.env['HCMS_TEST_ESDB_URL'] ? 'EventStoreDB server' : 'EventStoreDB protocol (test server)', async () =>
    EventStoreDbEventStore.connect(url),
  );

  // A fresh log each: a server of its own (a real server's log is never empty again).
  logIdContract('EventStoreDB protocol (test server)', async () => {
    const own = await EventStoreDbTestServer.start();
    return { connect: async () => EventStoreDbEventStore.connect(own.connectionString), dispose: () => own.stop() };
  });
});
