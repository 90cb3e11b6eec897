import type { KeyObject } from 'node:crypto';
import type { AuditLog, Clock, EventStore } from '@hcms/shared-kernel';
import { LogSealer } from './log-sealer.js';
import { sealSources, type SealSource } from './seal-sources.js';
import type { SealedLog, SqliteSealStore } from './sqlite-seal-store.js';

export interface SealerDeps {
  readonly seal: SqliteSealStore;
  readonly key: KeyObject;
  readonly clock: Clock;
  readonly store: EventStore;
  readonly auditLog: AuditLog;
  /** `<origin>/events` and `<origin>/audit` name the two logs. */
  readonly origin: string;
}

/** How often a grown tree is signed: a checkpoint trails the sealed head by at most this (and a batch). */
const SIGN_EVERY_MS = 250;
/** How often the audit log, written by every process, is looked at for new entries. */
const AUDIT_POLL_MS = 100;

/** The event log and the audit log, each sealed in its own tree and signed under its own origin. */
export class Sealer {
  private constructor(readonly logs: Readonly<Record<SealedLog, LogSealer>>) {}

  static async start(deps: SealerDeps): Promise<Sealer> {
    const sources = sealSources(deps.store, deps.auditLog, AUDIT_POLL_MS);
    const sealer = (log: SealedLog, source: SealSource) =>
      new LogSealer(log, source, deps.seal, deps.key, deps.clock, { origin: `${deps.origin}/${log}`, signEveryMs: SIGN_EVERY_MS });
    const logs = {
      events: sealer('events', sources.events),
      audit: sealer('audit', sources.audit),
    };
    await Promise.all(Object.values(logs).map((log) => log.start()));
    return new Sealer(logs);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.logs).map((log) => log.stop()));
  }

  /** A health check: down while either log cannot be followed or signed. */
  check = async (): Promise<string> => {
    const failing = Object.values(this.logs).flatMap((log) => (log.status.failure ? [`${log.log}: ${log.status.failure}`] : []));
    if (failing.length > 0) throw new Error(`sealer: ${failing.join('; ')}`);
    return Object.values(this.logs)
      .map(({ status }) => `${status.log} ${status.signedSize}/${status.size} signed`)
      .join(', ');
  };
}
