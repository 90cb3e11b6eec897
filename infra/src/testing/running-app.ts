import type { Role, StoredEvent } from '@hcms/shared-kernel';
import { T } from '../composition/tokens.js';
import { jwtTokenService } from '../auth/jwt.js';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { tempDir } from './fixtures.js';
import { startRole } from '../roles/roles.js';
import { freePort } from '../stack/stack.js';

// Response bodies are asserted field by field in specs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

export interface RunningApp {
  readonly url: string;
  /** Where Laboratory listens for HL7 v2 results (MLLP). */
  readonly mllpPort: number;
  token(role: Role, sub?: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: ResponseBody }>;
  /** The position of the newest event in the log, as `/read-models` tells an admin. */
  head(): Promise<number>;
  /** Every event of `topics` the platform publishes from now on, as a consumer group of its bus receives it. */
  listen(group: string, topics: readonly string[]): Promise<readonly StoredEvent[]>;
  stop(): Promise<void>;
}

/** The whole platform in this process, on a data directory of the test's choosing, on a free port. */
export const startApp = async (dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> => {
  // A port of its own for the HL7 listener too: suites run platforms side by side.
  const mllp = env['HCMS_MLLP_PORT'] ?? String(await freePort());
  const config = loadConfig({ HCMS_DATA_DIR: dataDir, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent', HCMS_MLLP_PORT: mllp, ...env });
  const container = platformContainer(config);
  const platform = await startRole(container, 'all');
  const { url } = platform;
  const tokens = jwtTokenService(config.jwtSecret, config.jwtIssuer, 600, {
    audience: config.jwtAudience,
    maxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
  });
  const call: RunningApp['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    url,
    mllpPort: config.laboratory.mllpPort,
    token: (role, sub = `${role}-1`) => tokens.issue(sub, role),
    call,
    head: async () => (await call('GET', '/read-models', { token: await tokens.issue('admin-1', 'admin') })).body.head as number,
    listen: async (group, topics) => {
      const heard: StoredEvent[] = [];
      await (await container.getAsync(T.Bus)).consume(group, async (event) => void heard.push(event), { topics });
      return heard;
    },
    stop: () => platform.stop(),
  };
};

/**
 * The platform for one suite: started on a fresh data directory before its tests, stopped and
 * removed after them. The returned handle forwards to the running instance.
 */
export const platformUnderTest = (env: Record<string, string> = {}): RunningApp & { readonly dataDir: string } => {
  const dir = tempDir();
  let current: RunningApp | undefined;
  const running = (): RunningApp => {
    if (!current) throw new Error('the platform is not running (outside the suite?)');
    return current;
  };
  before(async () => (current = await startApp(dir.path, env)));
  after(async () => {
    await current?.stop();
    dir.remove();
  });
  return {
    dataDir: dir.path,
    get url() {
      return running().url;
    },
    get mllpPort() {
      return running().mllpPort;
    },
    token: (role, sub) => running().token(role, sub),
    call: (method, path, options) => running().call(method, path, options),
    head: () => running().head(),
    listen: (group, topics) => running().listen(group, topics),
    stop: () => running().stop(),
  };
};
