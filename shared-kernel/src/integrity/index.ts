export * from './merkle.js';
export * from './checkpoint.js';
export * from './compact-range.js';
