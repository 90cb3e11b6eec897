import type { ForeignMessages } from '@hcms/shared-kernel';
import type { Logger } from '../system/logger.js';

export const noForeignMessages: ForeignMessages = { total: 0, byGroup: {} };

/**
 * The log this process follows, as the bus sees it: what it publishes is stamped with the log's id,
 * and a consumed message stamped with another log's id is dropped (acked, counted, logged once per
 * group and log). A broker outlives event stores: a queue may still hold a backlog of a log that was
 * replaced (a fresh stack, a restored store, another environment on the same vhost).
 *
 * Dropping is safe: no subscription takes events from a message. Each reads the event store itself,
 * from its own record; a message only rings its doorbell, and one of another log rings it for nothing.
 */
export class LogFilter {
  private known: string | undefined;
  private readonly dropped = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(
    /** The process's log id (undefined while its log is empty); without it nothing is stamped or dropped. */
    private readonly current: (() => Promise<string | undefined>) | undefined,
    private readonly log: Logger,
  ) {}

  /** The id to stamp on a message; a log's id never changes once it has one. */
  async stamp(): Promise<string | undefined> {
    if (!this.current) return undefined;
    this.known ??= await this.current();
    return this.known;
  }

  /**
   * True for a message of another log. An unstamped one (from a publisher older than log ids)
   * passes. While this process's log is empty its id is asked again for each message: a first
   * append has its id on file before its event can be published, so a message of this log always
   * finds it, and while the log is still empty no message can be of it.
   */
  async foreign(group: string, messageLog: string | undefined): Promise<boolean> {
    if (messageLog === undefined || !this.current) return false;
    let mine: string | undefined;
    try {
      mine = await this.stamp();
    } catch {
      return false; // the store cannot say now; a doorbell rung for nothing costs one read
    }
    if (mine === messageLog) return false;
    this.dropped.set(group, (this.dropped.get(group) ?? 0) + 1);
    if (!this.reported.has(`${group} ${messageLog}`)) {
      this.reported.add(`${group} ${messageLog}`);
      this.log.warn(
        { group, messageLog, log: mine ?? '(none yet: the log is empty)' },
        'dropping messages of another event log (counted in the bus status)',
      );
    }
    return true;
  }

  get counts(): ForeignMessages {
    const byGroup = Object.fromEntries(this.dropped);
    return { total: Object.values(byGroup).reduce((sum, n) => sum + n, 0), byGroup };
  }
}
