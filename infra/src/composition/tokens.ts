import type { ServiceIdentifier } from 'inversify';
import type { SqliteDatabase } from '../event-store/sqlite/sqlite-database.js';
import type { AuditLog, CheckpointStore, Clock, EventStore, IdGenerator, LogTail, MessageBus, ReadStore } from '@hcms/shared-kernel';
import type { AppointmentsDeps } from '@hcms/appointments';
import type { ConsultationsDeps } from '@hcms/consultations';
import type { LaboratoryDeps } from '@hcms/laboratory';
import type { BillingDeps } from '@hcms/billing';
import type { NotificationChannel, NotificationsDeps } from '@hcms/notifications';
import type { OutboxChannel } from '../notifications/outbox-channel.js';
import type { MrnGenerator, PatientsDeps } from '@hcms/patients';
import type { BillingReadPorts, ReadModelDeps } from '@hcms/projections';
import type { TokenService } from '../auth/jwt.js';
import type { Config } from '../config/config.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Gate } from '../http/route-handler.js';
import type { Logger } from '../system/logger.js';
import type { SqliteSealStore } from '../integrity/sqlite-seal-store.js';
import type { KeyObject } from 'node:crypto';
import type { PatientKeys } from '../privacy/sqlite-patient-keys.js';

const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`hcms.${name}`);

/** Everything the composition root can hand out. */
export const T = {
  Config: token<Config>('Config'),
  Logger: token<Logger>('Logger'),
  Clock: token<Clock>('Clock'),
  Ids: token<IdGenerator>('Ids'),
  Mrns: token<MrnGenerator>('Mrns'),
  EventsDb: token<SqliteDatabase>('EventsDb'),
  /** The event log as stored: personal fields encrypted. For the relay, the sealer and exports. */
  LogStore: token<EventStore>('LogStore'),
  /** The event log through crypto-shredding: personal fields opened, or their stand-ins once erased. */
  EventStore: token<EventStore>('EventStore'),
  PatientKeys: token<PatientKeys>('PatientKeys'),
  /** The recent log, shared by this process's durable subscriptions. */
  LogTail: token<LogTail>('LogTail'),
  Checkpoints: token<CheckpointStore>('Checkpoints'),
  ReadStore: token<ReadStore>('ReadStore'),
  Bus: token<MessageBus>('Bus'),
  Tokens: token<TokenService>('Tokens'),
  AuditLog: token<AuditLog>('AuditLog'),
  AuditTrail: token<AuditTrail>('AuditTrail'),
  /** Tokens and emergency grants: who is let in. */
  Gate: token<Gate>('Gate'),
  /** Leaf hashes and signed checkpoints of the event and audit logs. */
  SealStore: token<SqliteSealStore>('SealStore'),
  /** The Ed25519 key that signs checkpoints and exports. */
  SigningKey: token<KeyObject>('SigningKey'),
  PatientsDeps: token<PatientsDeps>('PatientsDeps'),
  ReadModelDeps: token<ReadModelDeps>('ReadModelDeps'),
  AppointmentsDeps: token<AppointmentsDeps>('AppointmentsDeps'),
  ConsultationsDeps: token<ConsultationsDeps>('ConsultationsDeps'),
  LaboratoryDeps: token<LaboratoryDeps>('LaboratoryDeps'),
  BillingDeps: token<BillingDeps>('BillingDeps'),
  /** What Billing's queries take from the installation: its currency, its days, its PDF documents. */
  BillingReadPorts: token<BillingReadPorts>('BillingReadPorts'),
  NotificationsDeps: token<NotificationsDeps>('NotificationsDeps'),
  Outbox: token<OutboxChannel>('Outbox'),
  Channel: token<NotificationChannel>('Channel'),
};
