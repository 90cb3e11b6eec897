export * from './projection.js';
export * from './projection-runner.js';
export * from './read-model-progress.js';
