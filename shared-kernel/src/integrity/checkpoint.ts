import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A tree head as a C2SP checkpoint (https://c2sp.org/tlog-checkpoint) in a signed note
 * (https://c2sp.org/signed-note): the origin, the tree size, the root hash, extension lines,
 * then a blank line and one Ed25519 signature line per signer.
 */
export interface Checkpoint {
  /** Names the log, e.g. `hcms.example.org/events`. */
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  /** Extra lines after the root (e.g. `time 2026-11-27T10:00:00.000Z`); none may be empty. */
  readonly extensions: readonly string[];
}

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519 = 0x01;

/** The text a checkpoint's signatures cover: every line, each ending in a newline. */
export const checkpointBody = (c: Checkpoint): string =>
  [c.origin, String(c.size), c.root.toString('base64'), ...c.extensions].map((line) => `${line}\n`).join('');

/** The raw 32 bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer => {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
};

/** A signer's key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), as signed notes define it. */
export const keyId = (name: string, publicKey: KeyObject): Buffer =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(ED25519), rawPublicKey(publicKey)]))
    .digest()
    .subarray(0, 4);

/** The checkpoint signed by `name` with its Ed25519 private key, as a note. */
export const signCheckpoint = (c: Checkpoint, name: string, privateKey: KeyObject): string => {
  const body = checkpointBody(c);
  const signature = sign(null, Buffer.from(body), privateKey);
  const line = `${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyId(name, createPublicKey(privateKey)), signature]).toString('base64')}\n`;
  return `${body}\n${line}`;
};

/** The checkpoint a note holds if `name` signed it with the private half of `publicKey`; otherwise why not. */
export const openCheckpoint = (note: string, name: string, publicKey: KeyObject): Checkpoint | { readonly error: string } => {
  const split = note.indexOf('\n\n');
  if (split < 0) return { error: 'not a signed note: no blank line before the signatures' };
  const body = note.slice(0, split + 1);
  const id = keyId(name, publicKey);
  const signed = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.startsWith(`${SIGNATURE_PREFIX}${name} `))
    .map((line) => Buffer.from(line.slice(SIGNATURE_PREFIX.length + name.length + 1), 'base64'))
    .some((blob) => blob.length === 68 && blob.subarray(0, 4).equals(id) && verify(null, Buffer.from(body), publicKey, blob.subarray(4)));
  if (!signed) return { error: `no valid signature by ${name}` };
  const [origin, size, root, ...extensions] = body.slice(0, -1).split('\n');
  if (!origin || !size || !/^(0|[1-9]\d*)$/.test(size) || !root) return { error: 'not a checkpoint: origin, size and root hash expected' };
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== root) return { error: 'not a checkpoint: the root hash is not 32 bytes of base64' };
  return { origin, size: Number(size), root: hash, extensions };
};
