export * from './command-context.js';
export * from './command-runner.js';
export * from './event-codec.js';
