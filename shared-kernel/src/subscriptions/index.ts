export * from './subscription-store.js';
export * from './read-store-subscription-store.js';
export * from './durable-subscription.js';
export * from './dead-letters.js';
export * from './reactor.js';
export * from './position-waiters.js';
export * from './log-tail.js';
