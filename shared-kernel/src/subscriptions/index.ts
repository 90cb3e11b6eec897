export * from './subscription-store.js';
export * from './read-store-subscription-store.js';
export * from './durable-subscription.js';
export * from './dead-letters.js';
