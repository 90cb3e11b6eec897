import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes a new key file, readable by its owner only, unless one is there already: written aside
 * and linked into place, so processes starting together agree on one key and none reads half of it.
 */
const createOnce = (path: string, contents: string): void => {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = `${path}.${randomUUID()}.tmp`;
  // On disk before it is linked, and the link on disk before anything is encrypted or signed with it.
  const fd = openSync(aside, 'wx', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
};

export interface KeyFileOptions {
  /** Create the file when it is missing (the embedded platform's first start); otherwise a missing file is an error. */
  readonly create: boolean;
  /** Told when a key is created. */
  readonly onCreated?: (path: string) => void;
}

/** The Ed25519 key that signs checkpoints and export manifests, from a PKCS #8 PEM file. */
export const signingKeyFrom = (path: string, { create, onCreated }: KeyFileOptions): KeyObject => {
  if (!existsSync(path)) {
    if (!create) throw new Error(`no signing key at ${path} (HCMS_SIGNING_KEY_FILE)`);
    const { privateKey } = generateKeyPairSync('ed25519');
    createOnce(path, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    onCreated?.(path);
  }
  const key = createPrivateKey(readFileSync(path));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key at ${path} is not an Ed25519 key`);
  return key;
};

/** The master key (32 bytes, base64) that wraps every patient's data key. */
export const masterKeyFrom = (path: string, { create, onCreated }: KeyFileOptions): Buffer => {
  if (!existsSync(path)) {
    if (!create) throw new Error(`no master key at ${path} (HCMS_MASTER_KEY_FILE); without it no patient's data can be read`);
    createOnce(path, `${randomBytes(32).toString('base64')}\n`);
    onCreated?.(path);
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`the master key at ${path} is not 32 bytes of base64`);
  return key;
};

/** The public half, as SPKI PEM: what verifiers (and `openssl pkeyutl -verify`) are given. */
export const publicKeyPem = (privateKey: KeyObject): string =>
  createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
