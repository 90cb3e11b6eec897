import canonicalize from 'canonicalize';
import { leafHash, type AuditEntry, type StoredEvent } from '@hcms/shared-kernel';

/**
 * The bytes a sealed entry is hashed over: the whole envelope as stored — position, id, stream,
 * version, type, recorded time, metadata (the actor among it) and data — as canonical JSON
 * (RFC 8785), so any reader that has the entry computes the same leaf, whatever order its
 * fields came in.
 */
export const envelopeBytes = (event: StoredEvent): Buffer =>
  Buffer.from(
    canonicalize({
      position: event.position,
      id: event.id,
      streamId: event.streamId,
      version: event.version,
      type: event.type,
      recordedAt: event.recordedAt,
      metadata: event.metadata,
      data: event.data,
    }) ?? '',
  );

/** SHA-256(0x00 ‖ canonical envelope): the event's leaf in the log's Merkle tree. */
export const envelopeLeaf = (event: StoredEvent): Buffer => leafHash(envelopeBytes(event));

/** The bytes an audit entry is sealed as: the whole entry as stored, its sequence number included, as canonical JSON. */
export const auditEntryBytes = (entry: AuditEntry): Buffer => Buffer.from(canonicalize(entry) ?? '');
