import { setTimeout as sleep } from 'node:timers/promises';
import { ReadStoreSubscriptionStore, type ReadStore } from '@hcms/shared-kernel';

/**
 * Sends durable reactions back to the start of the log, as an operator restoring an old
 * checkpoint would: their records say position 0, so they read every event again when next
 * started. Only while their process is stopped, or the running subscription writes over it.
 */
export const rewindReactions = async (readStore: ReadStore, names: readonly string[]): Promise<void> => {
  const records = new ReadStoreSubscriptionStore(readStore);
  for (const name of names) {
    const record = await records.load(name);
    if (!record) throw new Error(`no record of ${name}: is the reaction named so?`);
    await records.save(name, { ...record, position: 0, updatedAt: new Date().toISOString() });
  }
};

/** Resolves once every named reaction has applied `position` (each record is written by its own process). */
export const reactionsReached = async (
  readStore: ReadStore,
  names: readonly string[],
  position: number,
  timeoutMs = 30_000,
): Promise<void> => {
  const records = new ReadStoreSubscriptionStore(readStore);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const positions = await Promise.all(names.map(async (name) => (await records.load(name))?.position ?? 0));
    if (positions.every((p) => p >= position)) return;
    if (Date.now() > deadline) throw new Error(`reactions ${names.join(', ')} at ${positions.join(', ')}, not ${position}`);
    await sleep(100);
  }
};
