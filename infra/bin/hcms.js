#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (`npm run build`).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('hcms is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw error;
});
