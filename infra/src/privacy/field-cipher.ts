import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** How an encrypted field is stored in place of its value: `{ "$hcms:enc": "v1.<base64 iv ‖ ciphertext ‖ tag>" }`. */
const MARK = '$hcms:enc';
const VERSION = 'v1.';

export interface EncryptedField {
  readonly [MARK]: string;
}

export const isEncrypted = (value: unknown): value is EncryptedField =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[MARK] === 'string';

/**
 * AES-256-GCM of the field's JSON. `aad` (the event id and the field name) is authenticated with
 * it, so a ciphertext moved to another event or field does not open.
 */
export const encryptField = (key: Buffer, value: unknown, aad: string): EncryptedField => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]);
  return { [MARK]: `${VERSION}${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64')}` };
};

export const decryptField = (key: Buffer, field: EncryptedField, aad: string): unknown => {
  const sealed = field[MARK];
  if (!sealed.startsWith(VERSION)) throw new Error(`unknown encrypted field version ${sealed.slice(0, 3)}`);
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString()) as unknown;
};

/** A data key wrapped by the master key (AES-256-GCM, the patient id authenticated with it). */
export const wrapKey = (master: Buffer, key: Buffer, patientId: string): Buffer => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv).setAAD(Buffer.from(patientId));
  return Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
};

export const unwrapKey = (master: Buffer, wrapped: Buffer, patientId: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12)).setAAD(Buffer.from(patientId));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
  return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()]);
};
