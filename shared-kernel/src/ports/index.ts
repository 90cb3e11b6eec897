export * from './checkpoint-store.js';
export * from './clock.js';
export * from './event-store.js';
export * from './message-bus.js';
export * from './read-store.js';
export * from './cursor.js';
export * from './units.js';
