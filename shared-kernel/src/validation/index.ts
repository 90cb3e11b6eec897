export * from './codec-shape.js';
export * from './decode.js';
export * from './primitives.js';
export * from './search-key.js';
