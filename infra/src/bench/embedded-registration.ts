import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { startRole } from '../roles/roles.js';
import { lanes, rate, timed } from './measure.js';

/** POST /patients, `clients` at a time: registrations per second of the platform at `url`. */
export const httpRegistrationRate = async (url: string, token: string, tag: string, count = 2000, clients = 8): Promise<number> => {
  const post = (body: unknown) =>
    fetch(`${url}/patients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.text());
  const ms = await timed(() =>
    lanes(clients, count, (i) => post({ givenName: 'Http', familyName: `Bench${i}x${tag}`, dateOfBirth: '1970-01-01', sex: 'other' })),
  );
  return rate(count, ms);
};

/**
 * The embedded platform's HTTP registration rate (every role in one process, SQLite, in-process
 * bus), for the stack figures to be read against when the platform rows did not run.
 */
export const embeddedRegistrationRate = async (dir: string): Promise<number> => {
  const config = loadConfig({ HCMS_DATA_DIR: dir, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent' });
  const container = platformContainer(config);
  const platform = await startRole(container, 'all');
  try {
    const token = await container.get(T.Tokens).issue('bench-registrar', 'receptionist');
    await httpRegistrationRate(platform.url, token, 'warm', 200); // JIT and the identity index, not traffic
    return await httpRegistrationRate(platform.url, token, 'run');
  } finally {
    await platform.stop();
  }
};
