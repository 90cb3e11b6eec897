import type { Container } from 'inversify';
import {
  DurableSubscription,
  LogTail,
  type DurableSubscriptionDeps,
  type DurableSubscriptionOptions,
  type EventStore,
  type Reactor,
} from '@hcms/shared-kernel';
import { T } from '../composition/tokens.js';
import type { Opened } from './components.js';

/** One tail of the log per event store, so that a process's subscriptions share their reads. */
const tails = new WeakMap<EventStore, LogTail>();

/** What every durable subscription of this process runs on: the log, the bus's doorbell, the records. */
export const subscriptionDeps = async (c: Container, opened: Opened): Promise<DurableSubscriptionDeps> => {
  const [store, bus, readModels] = await Promise.all([opened.get(T.EventStore), opened.get(T.Bus), c.getAsync(T.ReadModelDeps)]);
  await opened.get(T.ReadStore);
  const log = c.get(T.Logger);
  const tail = tails.get(store) ?? new LogTail(store);
  tails.set(store, tail);
  return {
    store: tail,
    bus,
    records: readModels.records,
    onError: (error, where) =>
      log.warn({ ...where, err: { message: error instanceof Error ? error.message : String(error) } }, 'reaction failed'),
  };
};

export const subscriptionOptions = (c: Container): DurableSubscriptionOptions => ({ pollMs: c.get(T.Config).pollMs * 50 });

/** Runs a reactor as a durable subscription of this process: caught up when this resolves. */
export const startReaction = async (c: Container, opened: Opened, reactor: Reactor): Promise<DurableSubscription> => {
  const subscription = new DurableSubscription(reactor, await subscriptionDeps(c, opened), subscriptionOptions(c));
  await subscription.start();
  return subscription;
};
