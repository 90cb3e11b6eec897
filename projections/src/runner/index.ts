export * from './projection.js';
export * from './projection-runner.js';
export * from './read-model-progress.js';
export * from './read-model-collections.js';
export * from './rebuild.js';
export * from './replay.js';
export * from './progress-announcements.js';
export * from './recent-documents.js';
