import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_JWT_SECRET } from '../config/config.js';
import { freePorts, waitHealthy } from '../stack/stack.js';

/** The `hcms` command, as an operator runs it. */
export const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');

/** The embedded platform as a child process (`hcms start`) on one data directory, to be killed and started again. */
export interface SpawnedPlatform {
  /** Its port, the same across restarts; 0 until first started. */
  readonly port: number;
  /** Where it listens for HL7 v2 results (MLLP), the same across restarts. */
  readonly mllpPort: number;
  start(): Promise<void>;
  /** Sends the signal and resolves once the process is gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

export const spawnedPlatform = (dataDir: string, env: Readonly<Record<string, string>> = {}): SpawnedPlatform => {
  let child: ChildProcess | undefined;
  let [port, mllpPort] = [0, 0];
  return {
    get port() {
      return port;
    },
    get mllpPort() {
      return mllpPort;
    },
    start: async () => {
      if (!port) [port = 0, mllpPort = 0] = await freePorts(2);
      child = spawn(process.execPath, [HCMS, 'start'], {
        env: {
          ...process.env,
          HCMS_DATA_DIR: dataDir,
          HCMS_PORT: String(port),
          HCMS_MLLP_PORT: String(mllpPort),
          HCMS_JWT_SECRET: DEV_JWT_SECRET,
          HCMS_LOG_LEVEL: 'silent',
          ...env,
        },
        stdio: 'ignore',
      });
      await waitHealthy(port, child);
    },
    stop: (signal) =>
      new Promise<void>((done) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
};
