import { createHash, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CompactRange,
  leafHash,
  MerkleTree,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@hcms/shared-kernel';
import { SEALED_LOGS, type SealedLog } from '../sqlite-seal-store.js';
import { EXPORT_FORMAT, fileNames, type Manifest, type ProofLine } from './export-format.js';

/** What is wrong with an export, as precisely as it can be told: the file, and the first bad line and position when one can be named. */
export interface Finding {
  readonly file: string;
  readonly line?: number;
  readonly position?: number;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** The first problem of each file, in the order found: the first is the first bad position. */
  readonly findings: readonly Finding[];
  /** What was proved, one line per log. */
  readonly proved: readonly string[];
  /** What the export says it is (scope, filter, when), once its signature is checked. */
  readonly manifest?: Manifest;
}

const lines = (path: string) => createInterface({ input: createReadStream(path), crlfDelay: Infinity });

const claimedPosition = (line: string, field: 'position' | 'sequence'): number | undefined => {
  try {
    const value = (JSON.parse(line) as Record<string, unknown>)[field];
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
};

/** Streamed: an export's files may be larger than a buffer can hold. */
const sha256Of = (path: string): Promise<string | undefined> =>
  new Promise((resolve) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', () => resolve(undefined))
      .on('end', () => resolve(hash.digest('hex')));
  });

interface LogCheck {
  readonly log: SealedLog;
  readonly dir: string;
  readonly manifest: Manifest;
  readonly checkpoint: Checkpoint;
  readonly tree: MerkleTree;
  readonly leavesAuthentic: boolean;
}

/** Every line against its authenticated leaf: the first that differs, is missing or is extra is the first bad position. */
const checkComplete = async ({ log, dir, checkpoint, tree, leavesAuthentic }: LogCheck): Promise<Finding | undefined> => {
  const file = fileNames(log).entries;
  const field = log === 'events' ? 'position' : 'sequence';
  // The lines' own root, should the leaf hashes turn out altered: kept in O(log n).
  const lineRoot = new CompactRange();
  let first: Finding | undefined;
  let k = 0;
  for await (const line of lines(join(dir, file))) {
    const hash = leafHash(Buffer.from(line));
    lineRoot.append(hash);
    if (!first && k >= checkpoint.size)
      first = { file, line: k + 1, message: `an entry beyond the ${checkpoint.size} the checkpoint covers (inserted)` };
    else if (!first && k < tree.size && !hash.equals(tree.leaf(k))) {
      const position = claimedPosition(line, field);
      first = {
        file,
        line: k + 1,
        ...(position === undefined ? {} : { position }),
        message: `entry ${k + 1} of the log is not the one sealed (edited, inserted, deleted or moved)`,
      };
    }
    k += 1;
  }
  if (!first && k < checkpoint.size)
    first = {
      file,
      line: k + 1,
      message: `the export ends after ${k} of the ${checkpoint.size} entries the checkpoint covers (truncated)`,
    };
  if (leavesAuthentic) return first;
  // The leaf hashes themselves were altered: the lines may still be whole.
  if (lineRoot.size === checkpoint.size && lineRoot.root().equals(checkpoint.root)) {
    return { file: fileNames(log).leaves, message: 'the leaf hashes were altered (the entries themselves match the checkpoint)' };
  }
  return first ?? { file, message: 'the entries do not match the checkpoint' };
};

/** Each line proved in the checkpoint's tree by its own inclusion proof, in the log's order. */
const checkSelection = async ({ log, dir, manifest, checkpoint }: LogCheck): Promise<Finding | undefined> => {
  const names = fileNames(log);
  const proofs = lines(join(dir, names.proofs))[Symbol.asyncIterator]();
  const field = log === 'events' ? 'position' : 'sequence';
  const expected = manifest.logs[log]?.entries ?? 0;
  let previous = -1;
  let k = 0;
  for await (const line of lines(join(dir, names.entries))) {
    k += 1;
    const position = claimedPosition(line, field);
    const at = { file: names.entries, line: k, ...(position === undefined ? {} : { position }) };
    const next = await proofs.next();
    let proof: ProofLine | undefined;
    try {
      proof = next.done ? undefined : (JSON.parse(next.value) as ProofLine);
    } catch {
      proof = undefined;
    }
    if (!proof || !Number.isSafeInteger(proof.index) || !Array.isArray(proof.proof))
      return { ...at, message: 'no readable inclusion proof for this entry' };
    if (k > expected) return { ...at, message: `an entry beyond the ${expected} the manifest lists (inserted)` };
    if (proof.index <= previous) return { ...at, message: 'entries out of the log’s order (moved or repeated)' };
    const path = (proof.proof as readonly unknown[]).map((p) => Buffer.from(String(p), 'base64'));
    if (!verifyInclusion(leafHash(Buffer.from(line)), proof.index, checkpoint.size, path, checkpoint.root)) {
      return { ...at, message: `not the entry sealed at leaf ${proof.index} (edited, inserted, deleted or moved)` };
    }
    previous = proof.index;
  }
  if (k < expected)
    return {
      file: names.entries,
      line: k + 1,
      message: `the export ends after ${k} of the ${expected} entries the manifest lists (truncated)`,
    };
  return undefined;
};

/**
 * Verifies an export offline, with the public key alone: the manifest's signature, each log's
 * signed checkpoint, every entry against it, every file's digest, and, given a checkpoint kept from
 * before, that this export's log extends it (a rewritten and signed-again history fails there).
 */
export const verifyExport = async (dir: string, publicKey: KeyObject, prior?: string): Promise<VerifyReport> => {
  const findings: Finding[] = [];
  const proved: string[] = [];
  const fail = (finding: Finding): VerifyReport => ({ ok: false, findings: [...findings, finding], proved });
  let manifestBytes: Buffer;
  try {
    manifestBytes = await readFile(join(dir, 'manifest.json'));
  } catch {
    return fail({ file: 'manifest.json', message: 'missing' });
  }
  const signature = Buffer.from((await readFile(join(dir, 'manifest.sig')).catch(() => Buffer.alloc(0))).toString().trim(), 'base64');
  if (signature.length !== 64 || !verify(null, manifestBytes, publicKey, signature)) {
    return fail({ file: 'manifest.sig', message: 'the manifest is not signed by this key (altered, or another key)' });
  }
  const manifest = JSON.parse(manifestBytes.toString()) as Manifest;
  if ((manifest.format as string) !== EXPORT_FORMAT) return fail({ file: 'manifest.json', message: `not an ${EXPORT_FORMAT} export` });

  const checks: LogCheck[] = [];
  for (const log of SEALED_LOGS) {
    const listed = manifest.logs[log];
    if (!listed) continue;
    const names = fileNames(log);
    const note = await readFile(join(dir, names.checkpoint), 'utf8').catch(() => '');
    const checkpoint = openCheckpoint(note, listed.origin, publicKey);
    if ('error' in checkpoint) return fail({ file: names.checkpoint, message: checkpoint.error });
    if (checkpoint.origin !== listed.origin || checkpoint.size !== listed.size) {
      return fail({ file: names.checkpoint, message: 'not the checkpoint the manifest names' });
    }
    const leaves = await readFile(join(dir, names.leaves)).catch(() => Buffer.alloc(0));
    const tree = new MerkleTree();
    for (let offset = 0; offset + 32 <= leaves.length; offset += 32) tree.append(leaves.subarray(offset, offset + 32));
    const leavesAuthentic = leaves.length === checkpoint.size * 32 && tree.root().equals(checkpoint.root);
    const check = { log, dir, manifest, checkpoint, tree, leavesAuthentic };
    checks.push(check);
    const finding = manifest.scope === 'complete' ? await checkComplete(check) : await checkSelection(check);
    if (finding) findings.push(finding);
    else proved.push(`${log}: ${listed.entries} entries proved in the checkpoint of ${checkpoint.size} signed by ${listed.origin}`);
  }

  // Whatever the lines did not show: a file altered elsewhere (a proof, a trailing byte).
  for (const [name, file] of Object.entries(manifest.files)) {
    if (findings.some((f) => f.file === name)) continue;
    if ((await sha256Of(join(dir, name))) !== file.sha256)
      findings.push({ file: name, message: 'its SHA-256 is not the one the manifest lists' });
  }

  if (prior !== undefined) {
    const origin = prior.slice(0, prior.indexOf('\n'));
    const check = checks.find((c) => c.checkpoint.origin === origin);
    const earlier = openCheckpoint(prior, origin, publicKey);
    if ('error' in earlier) findings.push({ file: 'prior checkpoint', message: earlier.error });
    else if (!check) findings.push({ file: 'prior checkpoint', message: `this export holds no log named ${origin}` });
    else if (earlier.size > check.checkpoint.size) {
      findings.push({
        file: 'prior checkpoint',
        message: `it covers ${earlier.size} entries, this export's log only ${check.checkpoint.size}: entries were removed`,
      });
    } else if (earlier.size === 0) {
      proved.push(`${check.log}: extends the prior, empty checkpoint`);
    } else if (!check.leavesAuthentic) {
      findings.push({
        file: fileNames(check.log).leaves,
        message: 'cannot prove the prior checkpoint a prefix: the leaf hashes were altered',
      });
    } else {
      const proof = check.tree.consistencyProof(earlier.size, check.checkpoint.size);
      if (verifyConsistency(earlier.size, check.checkpoint.size, earlier.root, check.checkpoint.root, proof)) {
        proved.push(`${check.log}: extends the prior checkpoint of ${earlier.size} entries (consistency proof)`);
      } else {
        findings.push({
          file: fileNames(check.log).checkpoint,
          message: `the log was rewritten: the prior checkpoint of ${earlier.size} entries is not a prefix of this one`,
        });
      }
    }
  }
  // An export that proves nothing (no log signed yet) verifies nothing: it must not pass as intact.
  if (checks.length === 0) findings.push({ file: 'manifest.json', message: 'the export holds no signed log: there is nothing to verify' });
  return { ok: findings.length === 0, findings, proved, manifest };
};
