import type { Container } from 'inversify';
import { DurableSubscription, type DurableSubscriptionDeps, type DurableSubscriptionOptions, type Reactor } from '@hcms/shared-kernel';
import { T } from '../composition/tokens.js';
import type { Opened } from './components.js';

/** What every durable subscription of this process runs on: the log's shared tail, the bus's doorbell, the records. */
export const subscriptionDeps = async (c: Container, opened: Opened): Promise<DurableSubscriptionDeps> => {
  await Promise.all([opened.get(T.EventStore), opened.get(T.ReadStore)]);
  const [tail, bus, readModels] = await Promise.all([c.getAsync(T.LogTail), opened.get(T.Bus), c.getAsync(T.ReadModelDeps)]);
  const log = c.get(T.Logger);
  return {
    store: tail,
    bus,
    records: readModels.records,
    onError: (err, where) => log.warn({ ...where, err }, 'reaction failed'),
    onWarning: (message, context) => log.warn(context, message),
  };
};

const LINGER_MS = 20;

/**
 * Across processes every batch costs round trips to the read store, so a subscription lingers a
 * little to take a burst as one batch; in one process the bus rings within the append, and a
 * read waits for its write in microseconds, so it does not.
 */
export const subscriptionOptions = (c: Container): DurableSubscriptionOptions => {
  const config = c.get(T.Config);
  return { pollMs: config.pollMs * 50, lingerMs: config.bus === 'memory' ? 0 : LINGER_MS };
};

/** Runs a reactor as a durable subscription of this process: caught up when this resolves. */
export const startReaction = async (c: Container, opened: Opened, reactor: Reactor): Promise<DurableSubscription> => {
  const subscription = new DurableSubscription(reactor, await subscriptionDeps(c, opened), subscriptionOptions(c));
  await subscription.start();
  return subscription;
};
