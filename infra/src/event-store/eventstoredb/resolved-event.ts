import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '@hcms/shared-kernel';

/** Streams and types starting with `$` are EventStoreDB's own (statistics, metadata, projections). */
export const isSystem = (streamId: string, type: string): boolean => streamId.startsWith('$') || type.startsWith('$');

/** EventStoreDB revisions count from 0; our stream versions from 1. Positions are commit positions. */
export const toStoredEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined => {
  const e = resolved.event;
  if (!e || isSystem(e.streamId, e.type)) return undefined;
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    version: Number(e.revision) + 1,
    position: Number(e.position?.commit ?? resolved.commitPosition ?? 0n),
    recordedAt: e.created.toISOString(),
    data: e.data,
    metadata: e.metadata as unknown as StoredEvent['metadata'],
  };
};
