import type { Container } from 'inversify';
import { T } from '../../composition/tokens.js';
import type { ExportDeps } from './exporter.js';

/** What an export reads, opened from a platform's configuration (the CLI, tests): the log as stored, the audit log, the seal, the key. */
export const openExportDeps = async (c: Container): Promise<ExportDeps & { close(): Promise<void> }> => {
  const [store, auditLog, seal, key] = await Promise.all([
    c.getAsync(T.LogStore),
    c.getAsync(T.AuditLog),
    c.getAsync(T.SealStore),
    c.getAsync(T.SigningKey),
  ]);
  return {
    store,
    auditLog,
    seal,
    key,
    clock: c.get(T.Clock),
    close: async () => void (await Promise.all([store.close(), auditLog.close(), seal.close()])),
  };
};
