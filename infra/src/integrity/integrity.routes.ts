import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, IntFromQuery, notFound, withSchema, type Route } from '@hcms/shared-kernel';
import type { Sealer } from './sealer.js';
import { SEALED_LOGS, type SealedLog } from './sqlite-seal-store.js';
import { AUDITORS } from '../audit/audit.routes.js';

const LogParams = t.type({
  log: withSchema(t.keyof({ events: null, audit: null }), {
    type: 'string',
    enum: [...SEALED_LOGS],
    pattern: `^(${SEALED_LOGS.join('|')})$`,
    description: 'the sealed log',
  }),
});
const Size = IntFromQuery(1, Number.MAX_SAFE_INTEGER);
const CheckpointQuery = t.partial({
  size: withSchema(Size, { type: 'integer', minimum: 1, description: 'the newest checkpoint of at most this many entries' }),
});
const InclusionQuery = t.intersection([
  t.type({
    position: withSchema(IntFromQuery(1, Number.MAX_SAFE_INTEGER), {
      type: 'integer',
      minimum: 1,
      description: "the event's global position, or the audit entry's sequence number",
    }),
  }),
  CheckpointQuery,
]);
const ConsistencyQuery = t.intersection([
  t.type({ from: withSchema(Size, { type: 'integer', minimum: 1, description: 'the size of the earlier checkpoint' }) }),
  t.partial({
    to: withSchema(Size, { type: 'integer', minimum: 1, description: 'the size of the later checkpoint (default: the newest)' }),
  }),
]);

const b64 = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('base64'));
const noCheckpoint = (log: SealedLog) => notFound('NO_CHECKPOINT', `no checkpoint of the ${log} log covers that size yet`);

/**
 * The seal as auditors and their tools read it: the signing key's public half, signed checkpoints,
 * and the proofs that an entry is in a checkpoint's tree and that a later checkpoint extends an
 * earlier one. They hold hashes and sizes only, no entry.
 */
export const integrityRoutes = (sealer: Sealer, publicKeyPem: string): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/integrity/public-key',
    summary: 'The Ed25519 public key (SPKI PEM) that checkpoints and exports are verified with',
    tags: ['integrity'],
    roles: [...AUDITORS],
    audit: 'no-patient-data',
    handle: async () => E.right({ body: { algorithm: 'Ed25519', pem: publicKeyPem } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/integrity/:log/checkpoint',
    summary: 'The newest signed checkpoint of a log (C2SP checkpoint in a signed note), or the newest of at most `size` entries',
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: LogParams,
    query: CheckpointQuery,
    errors: [404],
    audit: 'no-patient-data',
    handle: async ({ params, query }) => {
      const checkpoint = sealer.logs[params.log].checkpoint(query?.size);
      if (!checkpoint) return E.left(noCheckpoint(params.log));
      return E.right({ body: { log: params.log, size: checkpoint.size, signedAt: checkpoint.signedAt, note: checkpoint.note } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/integrity/:log/inclusion',
    summary: "Proof that the entry at `position` is in a checkpoint's tree (RFC 9162 audit path), with that checkpoint",
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: LogParams,
    query: InclusionQuery,
    errors: [404],
    audit: 'no-patient-data',
    handle: async ({ params, query }) => {
      const log = sealer.logs[params.log];
      const checkpoint = log.checkpoint(query.size);
      if (!checkpoint) return E.left(noCheckpoint(params.log));
      const proved = log.inclusion(query.position, checkpoint.size);
      if (!proved)
        return E.left(notFound('NOT_SEALED', `no entry at position ${query.position} is sealed in the checkpoint of ${checkpoint.size}`));
      const { index, leaf, proof } = proved;
      return E.right({
        body: {
          log: params.log,
          position: query.position,
          index,
          size: checkpoint.size,
          leafHash: leaf.toString('base64'),
          proof: b64(proof),
          checkpoint: checkpoint.note,
        },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/integrity/:log/consistency',
    summary: 'Proof that the tree of `to` entries extends the tree of `from` entries (RFC 9162 consistency proof)',
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: LogParams,
    query: ConsistencyQuery,
    errors: [404],
    audit: 'no-patient-data',
    handle: async ({ params, query }) => {
      const log = sealer.logs[params.log];
      const checkpoint = log.checkpoint(query.to);
      if (!checkpoint || checkpoint.size !== (query.to ?? checkpoint.size)) {
        return E.left(notFound('NO_CHECKPOINT', `no checkpoint of the ${params.log} log has exactly ${query.to ?? 'that many'} entries`));
      }
      if (query.from > checkpoint.size) {
        return E.left(
          notFound('NO_CHECKPOINT', `the ${params.log} log had ${checkpoint.size} entries at that checkpoint, not ${query.from}`),
        );
      }
      return E.right({
        body: {
          log: params.log,
          from: query.from,
          to: checkpoint.size,
          proof: b64(log.consistency(query.from, checkpoint.size)),
          checkpoint: checkpoint.note,
        },
      });
    },
  }),
];
