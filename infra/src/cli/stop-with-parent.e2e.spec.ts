import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, tempDir } from '../testing/fixtures.js';

const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('A service whose supervisor dies', function () {
  this.timeout(30_000);
  const dir = tempDir();
  let pid = 0;
  after(() => {
    if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL'); // when the test failed
    dir.remove();
  });

  it('stops instead of running on as an orphan, when started to stop with its parent', async () => {
    // A shell stands for the supervisor: it starts the service, says its pid, then waits.
    const supervisor = spawn('bash', ['-c', `"${process.execPath}" "${HCMS}" query & echo $!; wait`], {
      env: { ...process.env, HCMS_DATA_DIR: dir.path, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent', HCMS_STOP_WITH_PARENT: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    pid = await new Promise<number>((done) => supervisor.stdout.once('data', (chunk: Buffer) => done(Number(chunk.toString().trim()))));
    await eventually(() => alive(pid), 'the service to start');
    await new Promise((r) => setTimeout(r, 1500)); // running, with its parent alive

    expect(alive(pid)).to.equal(true);
    supervisor.kill('SIGKILL');
    await eventually(() => !alive(pid), 'the orphaned service to stop', 10_000);
  });
});
