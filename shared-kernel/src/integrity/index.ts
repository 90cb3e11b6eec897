export * from './merkle.js';
export * from './checkpoint.js';
export * from './compact-range.js';
export * from './merkle-tree.js';
