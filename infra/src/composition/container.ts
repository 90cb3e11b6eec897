import { Container } from 'inversify';
import { ReadModelCollections, ReadModelProgress, RecentDocuments, projections } from '@hcms/projections';
import { LogTail, ReadStoreSubscriptionStore } from '@hcms/shared-kernel';
import { identityKeys } from '@hcms/patients';
import { definitionOf } from '@hcms/laboratory';
import { invoiceRegister } from '@hcms/billing';
import { tokenServiceFor } from '../auth/jwt.js';
import type { Config } from '../config/config.js';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store.js';
import { ReadStoreCheckpointStore } from '../read-store/read-store-checkpoint-store.js';
import { MongoReadStore } from '../read-store/mongodb/mongo-read-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.js';
import { createLogger } from '../system/logger.js';
import { masterKeyFrom, signingKeyFrom } from '../integrity/key-files.js';
import { ShreddingEventStore } from '../privacy/shredding-event-store.js';
import { SqlitePatientKeys } from '../privacy/sqlite-patient-keys.js';
import { PERSONAL_DATA } from '../roles/contexts.js';
import { SqliteSealStore } from '../integrity/sqlite-seal-store.js';
import { randomMrnGenerator } from '../system/mrn-generator.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { readStorePatientDirectory } from '../appointments/read-store-patient-directory.js';
import { encounterIdFor, sha256Hex } from '../consultations/encounter-ids.js';
import { readStoreClinicalReferences } from '../consultations/read-store-clinical-references.js';
import { accessionNumberOn, labDerivedId } from '../laboratory/lab-ids.js';
import { readStoreLabReferences } from '../laboratory/read-store-lab-references.js';
import { billingDerivedId } from '../billing/billing-ids.js';
import { clinicCalendar, clinicDateOf } from '../billing/clinic-calendar.js';
import { pdfDocuments } from '../billing/pdf-documents.js';
import { readStorePatientExists } from '../billing/read-store-billing-references.js';
import { loadIcd10Cm } from '../terminology/icd10cm-editions.js';
import { ucumUnits } from '../terminology/ucum-units.js';
import { channelRouter } from '../notifications/channel-router.js';
import { OutboxChannel } from '../notifications/outbox-channel.js';
import { readStoreContacts } from '../notifications/read-store-notifications.js';
import { SmsHttpChannel } from '../notifications/sms-http-channel.js';
import { SmtpChannel } from '../notifications/smtp-channel.js';
import { jsonStaffDirectory } from '../notifications/staff-directory.js';
import { T } from './tokens.js';

const isUrl = (value: string, ...schemes: string[]) => schemes.some((s) => value.startsWith(`${s}://`));

/**
 * The composition root: adapters chosen by configuration. The defaults are the embedded ones
 * (SQLite files in the data directory, the in-process bus); URLs select the production ones.
 * Adapters that connect to servers are resolved asynchronously (`getAsync`).
 */
export const platformContainer = (config: Config, { bulkPublisher = false }: { readonly bulkPublisher?: boolean } = {}): Container => {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(T.Config).toConstantValue(config);
  c.bind(T.Logger).toResolvedValue(() => createLogger(config.logLevel));
  c.bind(T.Clock).toConstantValue(systemClock);
  c.bind(T.Ids).toConstantValue(uuidV7Generator);
  c.bind(T.Mrns).toConstantValue(randomMrnGenerator);

  if (isUrl(config.eventStore, 'esdb', 'kurrentdb', 'esdb+discover', 'kurrentdb+discover')) {
    c.bind(T.LogStore).toResolvedValue(() => EventStoreDbEventStore.connect(config.eventStore));
    c.bind(T.Checkpoints).toResolvedValue((readStore) => new ReadStoreCheckpointStore(readStore), [T.ReadStore]);
  } else {
    c.bind(T.EventsDb).toResolvedValue(() => openDatabase(config.eventStore, config.durability));
    c.bind(T.LogStore).toResolvedValue((db, clock) => new SqliteEventStore(db, clock, config.pollMs), [T.EventsDb, T.Clock]);
    c.bind(T.Checkpoints).toResolvedValue((db) => new SqliteCheckpointStore(db), [T.EventsDb]);
  }

  c.bind(T.PatientKeys).toResolvedValue(
    (log) => {
      // A master key missing beside keys it wrapped is lost, not new: a fresh one would open none of them.
      const create = config.createKeys.master && !SqlitePatientKeys.holdsKeys(config.patientKeys);
      const master = masterKeyFrom(config.masterKeyFile, {
        create,
        onCreated: (path) =>
          log.warn({ path }, 'created a master key in the data directory; production keeps it elsewhere (HCMS_MASTER_KEY_FILE)'),
      });
      return SqlitePatientKeys.open(config.patientKeys, master);
    },
    [T.Logger],
  );
  // Everyone reads and appends through crypto-shredding; the relay and the sealer use the log beneath.
  c.bind(T.EventStore).toResolvedValue((log, keys) => new ShreddingEventStore(log, keys, PERSONAL_DATA), [T.LogStore, T.PatientKeys]);
  c.bind(T.LogTail).toResolvedValue((store) => new LogTail(store), [T.EventStore]);

  if (isUrl(config.readStore, 'mongodb', 'mongodb+srv')) {
    c.bind(T.ReadStore).toResolvedValue(() => MongoReadStore.connect(config.readStore));
  } else {
    // Read models are rebuilt from the log after a power loss, so they need not fsync every commit.
    c.bind(T.ReadStore).toResolvedValue(() => new SqliteReadStore(openDatabase(config.readStore, 'normal')));
  }

  if (config.bus === 'memory') c.bind(T.Bus).toResolvedValue(() => new InMemoryBus());
  else
    c.bind(T.Bus).toResolvedValue(
      (log) =>
        RabbitMqBus.connect(config.bus, log.child({ component: 'bus' }), {
          prefix: config.busPrefix,
          coalesceWrites: bulkPublisher,
          // Asked only by the relay and by subscriptions, which have opened the store already.
          logId: async () => (await c.getAsync(T.LogStore)).logId(),
        }),
      [T.Logger],
    );

  c.bind(T.Tokens).toResolvedValue(() => tokenServiceFor(config));
  // Durable like the event log: an answer waits for its entry, so a crash cannot lose the record of a read.
  c.bind(T.AuditLog).toResolvedValue(() => SqliteAuditLog.open(config.auditLog, config.durability));
  c.bind(T.AuditTrail).toResolvedValue((log, ids, clock) => new AuditTrail(log, ids, clock), [T.AuditLog, T.Ids, T.Clock]);
  c.bind(T.Gate).toResolvedValue((tokens, grants, clock) => ({ tokens, grants, clock }), [T.Tokens, T.AuditLog, T.Clock]);
  c.bind(T.SealStore).toResolvedValue(() => SqliteSealStore.open(config.sealLog));
  c.bind(T.SigningKey).toResolvedValue(
    (log) =>
      signingKeyFrom(config.signingKeyFile, {
        create: config.createKeys.signing,
        onCreated: (path) =>
          log.warn({ path }, 'created a signing key in the data directory; production keeps it elsewhere (HCMS_SIGNING_KEY_FILE)'),
      }),
    [T.Logger],
  );
  c.bind(T.PatientsDeps).toResolvedValue(
    (store, ids, clock, mrns, keys) => ({
      store,
      ids,
      clock,
      mrns,
      identityKeys: identityKeys(config.identityKeySecret),
      retention: { years: config.retentionYears },
      keys,
    }),
    [T.EventStore, T.Ids, T.Clock, T.Mrns, T.PatientKeys],
  );
  c.bind(T.ReadModelDeps).toResolvedValue(
    (readStore, store) => {
      const collections = new ReadModelCollections(readStore);
      const records = new ReadStoreSubscriptionStore(readStore);
      return {
        readStore,
        collections,
        records,
        progress: new ReadModelProgress(
          records,
          collections,
          projections.map((p) => p.name),
        ),
        readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
        head: () => store.headPosition(),
        recent: new RecentDocuments(),
      };
    },
    [T.ReadStore, T.EventStore],
  );
  c.bind(T.AppointmentsDeps).toResolvedValue(
    (store, ids, clock, readModels) => ({ store, ids, clock, patients: readStorePatientDirectory(readModels) }),
    [T.EventStore, T.Ids, T.Clock, T.ReadModelDeps],
  );
  c.bind(T.ConsultationsDeps).toResolvedValue(
    (store, ids, clock, readModels) => ({
      store,
      ids,
      clock,
      codes: { ...loadIcd10Cm(), afterNewest: config.icd10cmAfterNewest },
      units: ucumUnits(),
      digest: sha256Hex,
      references: readStoreClinicalReferences(readModels),
      // Ordered from the laboratory's catalogue as it stands, read from the log like Laboratory reads it.
      labTests: { nameOf: async (code: string) => (await definitionOf({ store }, code))?.name },
      encounterIdFor,
    }),
    [T.EventStore, T.Ids, T.Clock, T.ReadModelDeps],
  );
  c.bind(T.LaboratoryDeps).toResolvedValue(
    (store, ids, clock, readModels) => ({
      store,
      ids,
      clock,
      units: ucumUnits(),
      references: readStoreLabReferences(readModels),
      accessionNumber: accessionNumberOn(() => clock.now()),
      derivedId: labDerivedId,
    }),
    [T.EventStore, T.Ids, T.Clock, T.ReadModelDeps],
  );
  c.bind(T.BillingDeps).toResolvedValue(
    (store, ids, clock, readModels) => ({
      store,
      ids,
      clock,
      currency: config.billing.currency,
      paymentTermsDays: config.billing.paymentTermsDays,
      ...clinicCalendar(clock, config.billing.timeZone),
      derivedId: billingDerivedId,
      // One per process: it keeps what it has read of each year's register.
      invoiceNumbers: invoiceRegister(store, ids),
      patientExists: readStorePatientExists(readModels),
    }),
    [T.EventStore, T.Ids, T.Clock, T.ReadModelDeps],
  );
  c.bind(T.BillingReadPorts).toConstantValue({
    currency: config.billing.currency,
    dateOf: clinicDateOf(config.billing.timeZone),
    documents: pdfDocuments(config.billing.clinic),
  });
  const n = config.notifications;
  c.bind(T.NotificationsDeps).toResolvedValue(
    (store, ids, clock, readModels) => ({
      store,
      ids,
      clock,
      contacts: readStoreContacts(readModels),
      retry: { attempts: n.deliveryAttempts, firstDelaySeconds: n.retryDelaySeconds },
      reminderLeadSeconds: n.reminderLeadSeconds,
      staff: jsonStaffDirectory(n.staffDirectory),
      criticalEscalation: { repeatEverySeconds: n.criticalRepeatSeconds, onCallAfterRounds: n.criticalOnCallAfterRounds },
    }),
    [T.EventStore, T.Ids, T.Clock, T.ReadModelDeps],
  );
  c.bind(T.Outbox).toResolvedValue((readStore) => new OutboxChannel(readStore), [T.ReadStore]);
  c.bind(T.Channel).toResolvedValue(
    (outbox) =>
      channelRouter({
        email: n.smtpUrl ? new SmtpChannel(n.smtpUrl, n.smtpFrom) : outbox,
        sms: n.smsUrl ? new SmsHttpChannel(n.smsUrl, n.smsToken ?? '') : outbox,
      }),
    [T.Outbox],
  );
  return c;
};
