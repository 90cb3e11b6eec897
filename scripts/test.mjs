#!/usr/bin/env node
// Builds, lints and runs every test suite of every package in one mocha run, so the last line
// of the output is the platform's totals. `--tier unit|int|e2e` narrows the run.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { tier: { type: 'string' }, 'no-lint': { type: 'boolean' } } });
const tier = values.tier ? `${values.tier}.` : '';
const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['tsc', '-b']);
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
  { NODE_OPTIONS: '--enable-source-maps', HCMS_LOG_LEVEL: process.env.HCMS_LOG_LEVEL ?? 'silent' },
);
