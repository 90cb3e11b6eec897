import { writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NotificationsDeps } from '@hcms/notifications';
import {
  notificationContactsProjection,
  notificationListProjection,
  ReadModelCollections,
  replayInto,
  type ContactDoc,
  type NotificationView,
} from '@hcms/projections';
import type { Clock, StoredEvent } from '@hcms/shared-kernel';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { newEvent } from '../testing/fixtures.js';
import { OutboxChannel } from './outbox-channel.js';
import { readStoreContacts, readStoreDueNotifications } from './read-store-notifications.js';
import { jsonStaffDirectory } from './staff-directory.js';

/** Real SQLite stores for the notification specs, and the steps they share. */
export const T0 = '2026-12-06T10:00:00.000Z';
export const LEASE = 60;
/** Critical result alerts every 10 minutes, to the on-call contact from the third round. */
export const ESCALATION = { repeatEverySeconds: 600, onCallAfterRounds: 2 };
export const STAFF_FILE = 'staff.json';

/** The staff directory the replicas of `dir` read (at every lookup, as in production). */
export const writeStaffDirectory = (dir: string, directory: object) => writeFileSync(join(dir, STAFF_FILE), JSON.stringify(directory));

/** One replica of the notifications process: its own connections to the shared store files. */
export const replica = (dir: string, clock: Clock) => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'events.db'), 'full'), clock, 20);
  const readStore = new SqliteReadStore(openDatabase(join(dir, 'read.db'), 'normal'));
  const readModels = { collections: new ReadModelCollections(readStore) };
  const deps: NotificationsDeps = {
    store,
    ids: uuidV7Generator,
    clock,
    contacts: readStoreContacts(readModels),
    staff: jsonStaffDirectory(join(dir, STAFF_FILE)),
    retry: { attempts: 3, firstDelaySeconds: 10 },
    criticalEscalation: ESCALATION,
    reminderLeadSeconds: 86_400,
  };
  const outbox = new OutboxChannel(readStore);
  const close = async () => (await store.close(), await readStore.close());
  return { deps, store, readStore, readModels, outbox, due: readStoreDueNotifications(readModels), close };
};
export type Replica = ReturnType<typeof replica>;

export const schedule = async (r: Replica, n: number, channel: 'email' | 'sms', to = `p${n}@example.org`) => {
  const notificationId = `reminder-a${n}`;
  const data = {
    notificationId,
    patientId: `p${n}`,
    appointmentId: `a${n}`,
    kind: 'reminder',
    channel,
    to,
    subject: 'S',
    body: `B${n}`,
    dueAt: T0,
  };
  const event = newEvent('notifications.NotificationScheduled', data);
  await r.store.append(`notification-${notificationId}`, [{ ...event, metadata: { ...event.metadata, patientId: `p${n}` } }], 'no-stream');
  return notificationId;
};

/** Another context's event as a policy receives it: stored, with its patient in the metadata. */
export const appendAbout = async (r: Replica, stream: string, patientId: string, type: string, data: object): Promise<StoredEvent> => {
  const e = newEvent(type, data);
  const { version } = await r.store.append(stream, [{ ...e, metadata: { ...e.metadata, patientId } }], 'any');
  const [stored] = await r.store.readStream(stream, { fromVersion: version, maxCount: 1 });
  if (!stored) throw new Error('not stored');
  return stored;
};

export const contact = async (r: Replica, patientId: string, doc: ContactDoc, version = 1) =>
  (await r.readModels.collections.of<ContactDoc>(notificationContactsProjection)).put(patientId, doc, version);

/** The notification-list read model brought up to date once: later, it lags as a real one may. */
export const project = async (r: Replica) => {
  const list = await r.readModels.collections.of<NotificationView>(notificationListProjection);
  await replayInto(notificationListProjection, r.store, list, { from: 0 });
};

export const typesOf = async (r: Replica, notificationId: string) =>
  (await r.store.readStream(`notification-${notificationId}`)).map((e) => e.type.slice('notifications.'.length));

/**
 * A real HTTP hop in front of a provider that passes every request on, but keeps the answer to
 * the first `stalled` POSTs: the provider took the message, the sender never hears so and times out.
 */
export const startStallingProxy = async (target: string, stalled = 1) => {
  const methods: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      methods.push(method);
      const stall = method === 'POST' && stalled-- > 0;
      const url = target + (req.url ?? '').slice('/messages'.length);
      const headers = { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' };
      void fetch(url, { method, headers, ...(method === 'POST' ? { body: raw } : {}) }).then(
        async (answer) => {
          const body = await answer.text();
          if (stall) held.push(res);
          else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const stop = () => {
    for (const res of held) res.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}/messages`, methods, stop };
};
