import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@hcms/shared-kernel';

/** A fresh directory per test file, removed afterwards. */
export const tempDir = (prefix = 'hcms-test-'): { path: string; remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};

export const newEvent = (type = 'test.Happened', data: unknown = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { id: 'tester', role: 'admin' }, correlationId: 'c-1', causationId: 'c-1', schemaVersion: 1 },
});

export const uniqueStream = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;

export const eventually = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Patients' erasure settings for code that registers and changes patients and never erases one. */
export const NO_ERASURE = {
  retention: { years: 10 },
  keys: {
    destroy: () => {
      throw new Error('nothing here erases a patient');
    },
  },
};
