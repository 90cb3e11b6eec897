import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Roles, type Role } from '@hcms/shared-kernel';
import { tempDir } from '../testing/fixtures.js';
import { startApp, type RunningApp } from '../testing/running-app.js';

// An independent property-based fuzzer (schemathesis) reads the platform's own OpenAPI document
// and checks the server against it, as each role: a client written from the document alone must
// never meet a 5xx, a status the route does not declare, or a body that breaks its schema.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../');
const SEED = 20_260_801;
// Per operation and phase; with stateful runs this keeps one role to well under a minute.
const EXAMPLES = 10;

/** An excused failure: every field given must match; `error` and `problem` come from the answer. */
interface Allowed {
  readonly check: string;
  readonly reason: string;
  readonly operation?: string;
  readonly role?: Role;
  readonly status?: number;
  readonly error?: string;
  readonly problem?: string;
}
interface Failure {
  readonly role: Role;
  readonly check: string;
  readonly code: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly problem: string | undefined;
  readonly example: string;
  readonly message: string;
}
interface Run {
  readonly failures: Failure[];
  readonly errors: string[];
  readonly responses: number[];
  /** Requests that succeeded, by URL: how deep the run got. */
  readonly succeeded: string[];
  readonly finished: boolean;
}

// Only a refusal or acceptance the document cannot express may be explained away; a server
// error, an undeclared status or a body that breaks its schema never can.
const EXCUSABLE = new Set(['positive_data_acceptance', 'negative_data_rejection', 'missing_required_header']);
const allowList = JSON.parse(readFileSync(join(ROOT, 'infra/src/composition/openapi-fuzz.allow.json'), 'utf8')) as Allowed[];
const FIELDS = ['check', 'operation', 'role', 'status', 'error', 'problem'] as const;
const allowed = (f: Failure) => allowList.some((a) => FIELDS.every((k) => a[k] === undefined || a[k] === f[k]));

const exec = (cmd: string, args: string[], cwd: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The refusal code and first problem of an HCMS error body, if the answer is one. */
const refusalOf = (interaction: Json | undefined): Pick<Failure, 'error' | 'problem'> => {
  const content = interaction?.['response']?.['content']?.['$base64'] as string | undefined;
  try {
    const body = JSON.parse(Buffer.from(content ?? '', 'base64').toString('utf8')) as Json;
    return { error: body['error'] as string, problem: body['problems']?.[0]?.['path'] as string };
  } catch {
    return { error: undefined, problem: undefined };
  }
};

const exampleOf = (interaction: Json | undefined, value: Json | undefined): string => {
  const request = interaction?.['request'] as Json | undefined;
  const target = request ? `${request['method']} ${String(request['uri']).replace(/^https?:\/\/[^/]+/, '')}` : '';
  const body = value?.['body'] === undefined ? '' : ` ${JSON.stringify(value['body']).slice(0, 300)}`;
  return `${target}${body}`;
};

/** Reads the fuzzer's event stream: every failed check with the request that caused it. */
const readReport = (role: Role, path: string): Run => {
  const run: Run = { failures: [], errors: [], responses: [], succeeded: [], finished: false };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as Json;
    const [kind] = Object.keys(event);
    const body = event[kind ?? ''] as Json;
    if (kind === 'EngineFinished') Object.assign(run, { finished: true });
    if (kind?.endsWith('Error')) run.errors.push(JSON.stringify(body).slice(0, 500));
    if (kind !== 'ScenarioFinished') continue;
    const recorder = body['recorder'] as Json;
    const interactions = (recorder['interactions'] ?? {}) as Json;
    for (const interaction of Object.values(interactions) as Json[]) {
      const status = interaction['response']?.['status_code'] as number | undefined;
      if (status !== undefined) run.responses.push(status);
      if (status !== undefined && status >= 200 && status < 300) run.succeeded.push(String(interaction['request']?.['uri'] ?? ''));
    }
    for (const [caseId, checks] of Object.entries((recorder['checks'] ?? {}) as Json)) {
      for (const check of checks as Json[]) {
        const failure = check['failure_info']?.['failure'] as Json | undefined;
        if (check['status'] !== 'failure' || !failure) continue;
        const interaction = interactions[caseId] as Json | undefined;
        run.failures.push({
          role,
          check: check['name'] as string,
          code: failure['code'] as string,
          operation: failure['operation'] as string,
          status: interaction?.['response']?.['status_code'] as number | undefined,
          ...refusalOf(interaction),
          example: exampleOf(interaction, recorder['cases']?.[caseId]?.['value'] as Json | undefined),
          message: String(failure['message'] ?? failure['title']).split('\n')[0] ?? '',
        });
      }
    }
  }
  return run;
};

/** One line per distinct (check, operation, status), with the first example seen. */
const grouped = (failures: readonly Failure[]): string => {
  const first = new Map<string, Failure & { count: number }>();
  for (const f of failures) {
    const refusal = [f.error, f.problem].filter(Boolean).join(' ');
    const key = `${f.code} ${f.check} | ${f.operation} | ${f.status ?? '-'} ${refusal}`;
    const seen = first.get(key);
    first.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...f, count: 1 });
  }
  return [...first.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, f]) => `  ${key} (x${f.count}): ${f.message}\n      e.g. ${f.example}`)
    .join('\n');
};

describe('The HTTP API against its own OpenAPI document (property-based fuzzing, every check)', function () {
  this.timeout(300_000);
  const dir = tempDir('hcms-fuzz-');
  let app: RunningApp;
  let schemathesis: string;
  let patientId: string;

  before(async () => {
    const installed = await exec('bash', [join(ROOT, 'scripts/infra/schemathesis.sh')], ROOT);
    expect(installed.code, `installing the fuzzer failed:\n${installed.stderr}`).to.equal(0);
    schemathesis = installed.stdout.trim();
    app = await startApp(join(dir.path, 'data'));
    const registered = await app.call('POST', '/patients', {
      token: await app.token('receptionist'),
      body: { givenName: 'Fuzz', familyName: 'Target', dateOfBirth: '1980-04-02', sex: 'other' },
    });
    expect(registered.status).to.equal(201);
    ({ patientId } = registered.body as { patientId: string });
  });
  after(async () => {
    await app?.stop();
    dir.remove();
  });

  it('holds an allow-list that explains each entry and never excuses a server error, status or schema break', () => {
    for (const entry of allowList) {
      expect(EXCUSABLE.has(entry.check), `${entry.check} on ${entry.operation} cannot be allowed`).to.equal(true);
      expect(entry.reason.trim(), `${entry.check} on ${entry.operation} needs a reason`).to.not.equal('');
      const narrowed = entry.operation ?? entry.error ?? entry.status;
      expect(narrowed, `${entry.check} must be narrowed to an operation, a refusal or a status`).to.not.equal(undefined);
    }
  });

  for (const role of Roles) {
    it(`finds no defect in any route called as ${role}`, async () => {
      const token = await app.token(role, role === 'patient' ? patientId : `${role}-fuzz`);
      const report = join(dir.path, `${role}.ndjson`);
      const args = ['run', `${app.url}/docs/json`, '--header', `Authorization: Bearer ${token}`];
      args.push('--checks', 'all', '--phases', 'examples,coverage,fuzzing,stateful', '--seed', String(SEED));
      // One worker: parallel workers now and then break inside the fuzzer's own Python, and the
      // platform under test shares this process anyway.
      args.push('--max-examples', String(EXAMPLES), '--workers', '1', '--generation-database', 'none', '--no-color');
      args.push('--report', 'ndjson', '--report-ndjson-path', report);
      const result = await exec(schemathesis, args, dir.path);
      const run = readReport(role, report);

      expect(run.finished, `the fuzzer did not finish (exit ${result.code}):\n${result.stderr}`).to.equal(true);
      expect(run.errors, 'the fuzzer met errors of its own').to.deep.equal([]);
      expect(
        run.responses.some((s) => s >= 200 && s < 300),
        'no request succeeded: the run proves nothing',
      ).to.equal(true);
      // The document links the ids a POST creates to the routes that take them: staff runs must
      // get past "no such patient" on a patient's own routes, or ids never flowed.
      if (['admin', 'clinician', 'receptionist'].includes(role)) {
        const deep = run.succeeded.filter((uri) => /\/patients\/[0-9a-f-]{36}\/\w/.test(uri));
        expect(deep.length, 'no request on a registered patient’s routes succeeded: links did not carry ids').to.be.greaterThan(0);
      }
      const defects = run.failures.filter((f) => !allowed(f));
      expect(defects.length, `defects found as ${role}:\n${grouped(defects)}`).to.equal(0);
      // Anything the fuzzer failed on must be accounted for above.
      if (result.code !== 0) expect(run.failures.length, result.stdout.slice(-3000)).to.be.greaterThan(0);
    });
  }
});
