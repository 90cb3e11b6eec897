import * as E from 'fp-ts/lib/Either.js';
import { defineRoute } from '@hcms/shared-kernel';
import { handlePatientCommand } from '@hcms/patients';
import { benchActor, registeredPatients } from './registered-patients.js';
import { jwtTokenService } from '../auth/jwt.js';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { startRole } from '../roles/roles.js';
import { T } from '../composition/tokens.js';
import { buildHttpServer } from '../http/http-server.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { fmt, lanes, percentile, rate, ratio, timed, type Row } from './measure.js';

const ctx = () => ({ actor: benchActor, correlationId: uuidV7Generator.next(), now: new Date() });

/** The rows, and the HTTP registration rate on its own: the stack's figures are read against it. */
export const benchPlatform = async (dir: string): Promise<{ rows: Row[]; httpRegistrationRate: number }> => {
  const config = loadConfig({ HCMS_DATA_DIR: dir, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent' });
  const container = platformContainer(config);
  const platform = await startRole(container, 'all');
  const { url } = platform;
  const deps = await container.getAsync(T.PatientsDeps);
  const store = await container.getAsync(T.EventStore);
  const rows: Row[] = [];

  const patients = await registeredPatients(store, 12_000);
  const consent = (i: number) =>
    handlePatientCommand(deps)(patients[i] ?? '', { type: 'RecordConsent', consentId: uuidV7Generator.next(), kind: 'treatment' }, ctx());

  let failures = 0;
  const conc = 6000;
  const concMs = await timed(() =>
    lanes(8, conc, (i) =>
      consent(i).then(
        (r) => E.isLeft(r) && failures++,
        () => failures++,
      ),
    ),
  );
  rows.push({
    what: `command handler, 8 concurrent, relay and every projector in the same process (${failures} failures)`,
    ours: fmt(rate(conc, concMs), 'ops/s'),
  });

  // HTTP: RegisterPatient against a no-op route behind the same authentication.
  const token = await container.get(T.Tokens).issue('bench-registrar', 'receptionist');
  const noop = await buildHttpServer({
    routes: [
      defineRoute({
        method: 'POST',
        path: '/noop',
        summary: 'no-op',
        tags: [],
        roles: ['receptionist'],
        audit: 'no-patient-data',
        handle: async () => E.right({ body: {} }),
      }),
    ],
    gate: { ...container.get(T.Gate), tokens: jwtTokenService(config.jwtSecret, config.jwtIssuer, 600) },
    trail: container.get(T.AuditTrail),
    trustedProxies: [],
    bodyLimitBytes: config.bodyLimitBytes,
    logLevel: 'silent',
    version: 'bench',
    health: async () => ({ ready: true, checks: {} }),
  });
  const noopUrl = await noop.listen({ port: 0, host: '127.0.0.1' });
  const post = (target: string, body: unknown) =>
    fetch(target, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.text());
  const httpN = 2000;
  // The first registration under the identity key indexes every patient already in the log (a
  // one-time migration, see the patients README): measured on its own, not as traffic.
  const indexMs = await timed(
    async () => void (await post(`${url}/patients`, { givenName: 'Http', familyName: 'Warmup', dateOfBirth: '1970-01-01', sex: 'other' })),
  );
  rows.push({
    what: `identity index built on the first registration, from ${patients.length.toLocaleString('en')} registered patients`,
    ours: `${(indexMs / 1000).toFixed(1)} s`,
  });
  const noopMs = await timed(() => lanes(8, httpN, () => post(`${noopUrl}/noop`, undefined)));
  const regMs = await timed(() =>
    lanes(8, httpN, (i) =>
      post(`${url}/patients`, { givenName: 'Http', familyName: `Bench${i}x`, dateOfBirth: '1970-01-01', sex: 'other' }),
    ),
  );
  await noop.close();
  rows.push({
    what: 'HTTP RegisterPatient, 8 clients (MRN + identity + patient appends)',
    ours: fmt(rate(httpN, regMs), 'req/s'),
    floor: fmt(rate(httpN, noopMs), 'req/s no-op route, same auth'),
    ratio: ratio(rate(httpN, regMs), rate(httpN, noopMs)),
  });

  // Command → read model delay at ~1,000 commands/s.
  const progress = (await container.getAsync(T.ReadModelDeps)).progress;
  const delays: number[] = [];
  const total = 3000;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(performance.now() - start));
    for (; sent < due; sent++) {
      const i = conc + sent;
      inflight.push(
        (async () => {
          const t0 = performance.now();
          const result = await consent(i);
          if (E.isRight(result)) await progress.await('patient-detail', result.right.position, 10_000);
          delays.push(performance.now() - t0);
        })(),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  const sorted = [...delays].sort((a, b) => a - b);
  rows.push({
    what: `command → read model delay at ~1,000 cmd/s (${rate(total, performance.now() - start)} cmd/s achieved)`,
    ours: `median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
    floor: 'target p99 ≤ 20 ms',
  });
  await platform.stop();
  return { rows, httpRegistrationRate: rate(httpN, regMs) };
};
