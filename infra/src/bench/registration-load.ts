import { Pool } from 'undici';
import { percentile } from './measure.js';

/**
 * The load generator shares the two cores with the stack it measures, so it stays lean: undici's
 * pool of keep-alive connections (about half the CPU per request of node:http's client), one small
 * JSON body per request, nothing on top.
 */
export class LeanClient {
  private readonly pool: Pool;
  private readonly auth: string;

  constructor(baseUrl: string, token: string) {
    this.pool = new Pool(new URL(baseUrl).origin, { connections: 512 });
    this.auth = `Bearer ${token}`;
  }

  async send(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { authorization: this.auth };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.pool.request({ method, path, headers, ...(body === undefined ? {} : { body }) });
    return { status: response.statusCode, text: await response.body.text() };
  }

  close(): void {
    void this.pool.destroy();
  }
}

export interface LoadResult {
  readonly offered: number;
  /** Registrations answered 201 and then read back with 200. */
  readonly readBack: number;
  /** Read-backs per second, from the first scheduled send to the last read-back. */
  readonly achieved: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** p50 and p99 of the two halves: POST due → 201, and 201 → GET 200. */
  readonly post: { readonly p50: number; readonly p99: number };
  readonly read: { readonly p50: number; readonly p99: number };
  /** POSTs that did not answer 201 (or failed on the socket). */
  readonly postFailed: number;
  /** GET answers other than 200, retries included: each 503 READ_MODEL_BEHIND counts. */
  readonly getNon200: number;
  /** Registrations whose patient was never read back within the deadline. */
  readonly unread: number;
  /** How late the generator itself sent its last request: a large value means the client, not the stack, was short of CPU. */
  readonly sendLagMs: number;
  readonly wallMs: number;
}

export interface LoadOptions {
  readonly rate: number;
  readonly seconds: number;
  /** Names the patients of this run apart from every other run, so no registration is a possible duplicate. */
  readonly tag: string;
  /** Give up reading a patient back this long after its POST was due. */
  readonly deadlineMs?: number;
  /** Called once, this many ms into the load (e.g. to kill a process under load). */
  readonly at?: { readonly ms: number; readonly run: () => Promise<void> };
  /** Called when the last registration has gone out, before its answers are in. */
  readonly onAllSent?: () => void;
}

/**
 * Open loop: registration i is due at start + i/rate whatever happened to the ones before, and
 * its delay is counted from when it was due (not when it went out), so a stack that falls behind
 * cannot hide it by slowing the client down. Each is read back through the gateway with the
 * position the POST answered: the delay is POST due → GET 200.
 */
export const offerRegistrations = async (client: LeanClient, options: LoadOptions): Promise<LoadResult> => {
  const { rate, seconds, tag } = options;
  const deadlineMs = options.deadlineMs ?? 30_000;
  const total = Math.round(rate * seconds);
  const delays: number[] = [];
  const posts: number[] = [];
  const reads: number[] = [];
  let postFailed = 0;
  let getNon200 = 0;
  let unread = 0;
  let sendLagMs = 0;
  let lastDone = 0;

  const one = async (i: number, due: number): Promise<void> => {
    const body = `{"givenName":"Load","familyName":"Reg${i}x${tag}","dateOfBirth":"1980-02-03","sex":"unknown"}`;
    const posted = await client.send('POST', '/patients', body).catch(() => undefined);
    if (posted?.status !== 201) return void postFailed++;
    const answered = performance.now();
    posts.push(answered - due);
    const { patientId, position } = JSON.parse(posted.text) as { patientId: string; position: number };
    const path = `/patients/${patientId}?minPosition=${position}`;
    while (performance.now() - due < deadlineMs) {
      const read = await client.send('GET', path).catch(() => undefined);
      if (read?.status === 200) {
        lastDone = performance.now();
        reads.push(lastDone - answered);
        return void delays.push(lastDone - due);
      }
      getNon200++;
      // 503 means the read model has not got there within the query's own wait: ask again.
      if (read !== undefined && read.status !== 503) break;
    }
    unread++;
  };

  const inflight: Promise<void>[] = [];
  const start = performance.now();
  let atDone = options.at === undefined;
  let atRun: Promise<void> = Promise.resolve();
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const dueAt = start + (sent / rate) * 1000;
      sendLagMs = Math.max(sendLagMs, now - dueAt);
      inflight.push(one(sent, dueAt));
    }
    if (!atDone && options.at && now - start >= options.at.ms) {
      atDone = true;
      atRun = options.at.run();
    }
    // Asleep until the next is due: a timer every millisecond woke the client 1,000 times a second
    // on the two cores it shares with the stack it measures.
    const nextDueAt = start + (sent / rate) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(1, nextDueAt - performance.now())));
  }
  options.onAllSent?.();
  await Promise.all(inflight);
  await atRun;
  const sorted = delays.sort((a, b) => a - b);
  const spread = (values: number[]) => {
    const ordered = values.sort((a, b) => a - b);
    return { p50: percentile(ordered, 50), p99: percentile(ordered, 99) };
  };
  return {
    offered: total,
    readBack: sorted.length,
    achieved: sorted.length === 0 ? 0 : Math.round((sorted.length / (lastDone - start)) * 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    post: spread(posts),
    read: spread(reads),
    postFailed,
    getNon200,
    unread,
    sendLagMs,
    wallMs: performance.now() - start,
  };
};
