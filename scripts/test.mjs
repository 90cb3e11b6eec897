#!/usr/bin/env node
// Builds, lints and runs every test suite of every package in one mocha run, so the last line
// of the output is the platform's totals. `--tier unit|int|e2e` narrows the run; every tier
// but unit first starts RabbitMQ and FerretDB (scripts/infra/up.sh).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { tier: { type: 'string' }, 'no-lint': { type: 'boolean' } } });
const tier = values.tier ? `${values.tier}.` : '';
const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['tsc', '-b']);

// Integration and end-to-end suites talk to real servers: start them (installing where missing).
const servers = {};
if (values.tier !== 'unit') {
  const up = spawnSync('bash', ['scripts/infra/up.sh'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (up.status !== 0) process.exit(up.status ?? 1);
  for (const line of up.stdout.split('\n')) {
    const match = /^([A-Z_]+_URL)=(.+)$/.exec(line.trim());
    if (match) servers[`HCMS_TEST_${match[1]}`] = match[2];
  }
}
if (!values['no-lint'] && !values.tier) {
  run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('npx', ['eslint', '.', '--max-warnings', '0']);
}
run(
  'npx',
  [
    'mocha',
    '--reporter',
    'scripts/summary-reporter.cjs',
    '--timeout',
    '60000',
    '--exit',
    `{shared-kernel,contexts/*,projections,infra}/dist/**/*.${tier}spec.js`,
  ],
  { ...servers, NODE_OPTIONS: '--enable-source-maps', HCMS_LOG_LEVEL: process.env.HCMS_LOG_LEVEL ?? 'silent' },
);
