import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { toDomainEvent, type EventStore } from '@hcms/shared-kernel';
import { patientEvents, patientStream } from '@hcms/patients';
import { evolvePatientDetail, projections, type PatientDetail } from '@hcms/projections';
import { jwtTokenService } from '../auth/jwt.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { createLogger } from '../system/logger.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';
import { jsonCaller, type Call } from '../testing/json-caller.js';
import { startStack, type Stack } from './stack.js';
import { platformLog } from '../testing/platform-log.js';

export interface StackFixture {
  readonly stack: Stack;
  /** The stack's data directory (event log, audit log, seal, keys, logs), and its namespace on the broker and the read store. */
  readonly dataDir: string;
  readonly namespace: string;
  /** The event log the processes share, for comparing what they show with what was recorded. */
  readonly store: EventStore;
  readonly token: string;
  readonly call: Call;
  /** Registers patients and records allergies through the gateway, `lanes` at a time. */
  load(patients: number, allergiesEach: number, onProgress?: (done: number) => Promise<void> | void): Promise<string[]>;
  /** Waits until every read model has applied the whole log, then compares each patient's chart with the log. */
  expectExactReadModels(patientIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The consumer group a test uses to read what the stack publishes, as another context would. */
export const CONTRACT_LISTENER = 'test.contract-listener';

/** Every queue and the exchange a stack made under its namespace on the test broker. */
export const removeBusNamespace = async (namespace: string): Promise<void> => {
  const bus = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), createLogger('silent'), { prefix: namespace });
  await bus.deleteAll([
    ...projections.map((p) => `projection.${p.name}`),
    'policy.appointments.on-patient-inactive',
    'policy.notifications.on-appointment-event',
    'policy.privacy.forget-erased',
    'policy.notifications.on-patient-erased',
    'policy.appointments.on-encounter-signed',
    'policy.patients.on-encounter-signed',
    'policy.consultations.on-patient-erased',
    'policy.laboratory.on-lab-ordered',
    'policy.notifications.on-lab-event',
    'policy.laboratory.on-patient-erased',
    'policy.laboratory.on-parked-results-assigned',
    'policy.billing.on-encounter-signed',
    'policy.billing.on-lab-result-finalized',
    'policy.billing.on-issue-started',
    CONTRACT_LISTENER,
  ]);
  await bus.close();
};

/** The platform as separate processes over the test RabbitMQ and FerretDB, in its own namespace. */
export const startStackFixture = async (extraEnv: Readonly<Record<string, string>> = {}): Promise<StackFixture> => {
  const dir = tempDir('hcms-stack-');
  const namespace = `t${randomUUID().slice(0, 8)}`;
  const stack = await startStack({
    dataDir: dir.path,
    amqpUrl: requiredEnv('HCMS_TEST_AMQP_URL'),
    mongoUrl: `${requiredEnv('HCMS_TEST_MONGODB_URL')}${namespace}`,
    env: { HCMS_BUS_PREFIX: namespace, HCMS_JWT_SECRET: DEV_JWT_SECRET, HCMS_LOG_LEVEL: 'info', HCMS_POLL_MS: '10', ...extraEnv },
  });
  const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
  const token = await tokens.issue('stack-tester', 'clinician');
  const adminToken = await tokens.issue('stack-admin', 'admin');
  const store = platformLog(dir.path);

  const call = jsonCaller(stack.url, { staff: token, admin: adminToken });

  let registeredSoFar = 0;
  const load = async (patients: number, allergiesEach: number, onProgress?: (done: number) => Promise<void> | void) => {
    const ids: string[] = [];
    let done = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < patients) {
          next++;
          const n = registeredSoFar++;
          const registered = await call('POST', '/patients', {
            givenName: 'Load',
            familyName: `Patient${n}${namespace}`,
            dateOfBirth: '1975-05-05',
            sex: 'unknown',
          });
          expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
          const id = String(registered.body['patientId']);
          ids.push(id);
          for (let a = 0; a < allergiesEach; a++) {
            const res = await call('POST', `/patients/${id}/allergies`, {
              substance: `Substance ${a}`,
              reaction: 'Rash',
              severity: 'mild',
            });
            expect(res.status, JSON.stringify(res.body)).to.equal(201);
          }
          await onProgress?.(++done);
        }
      }),
    );
    return ids;
  };

  const expectExactReadModels = async (patientIds: readonly string[]) => {
    const head = await store.headPosition();
    await eventually(
      async () => {
        const status = await call('GET', '/read-models');
        const models = (status.body['readModels'] ?? []) as { name: string; position: number }[];
        return models.length === projections.length && models.every((m) => m.position >= head);
      },
      'the read models to apply the whole log',
      60_000,
    );
    for (const id of patientIds) {
      const events = await store.readStream(patientStream(id));
      const expected = events.reduce<PatientDetail | null>((doc, e) => evolvePatientDetail(doc, toDomainEvent(patientEvents, e)), null);
      const { version, position: _position, ...actual } = (await call('GET', `/patients/${id}`)).body;
      expect(actual, `patient ${id}`).to.deep.equal(expected);
      expect(version).to.equal(events.length);
    }
  };

  return {
    stack,
    dataDir: dir.path,
    namespace,
    store,
    token,
    call,
    load,
    expectExactReadModels,
    close: async () => {
      await stack.stop();
      await store.close();
      await removeBusNamespace(namespace);
      dir.remove();
    },
  };
};
