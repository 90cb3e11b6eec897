import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointBody, keyId, openCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { leafHash, rootOf } from './merkle.js';

const NAME = 'hcms.test/events';
const keys = generateKeyPairSync('ed25519');
const checkpoint: Checkpoint = {
  origin: NAME,
  size: 3,
  root: rootOf(['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s)))),
  extensions: ['time 2026-11-27T10:00:00.000Z'],
};

describe('A signed checkpoint', () => {
  it('is a C2SP checkpoint in a signed note: body lines, a blank line, an em-dash signature line', () => {
    const note = signCheckpoint(checkpoint, NAME, keys.privateKey);
    const lines = note.split('\n');
    expect(lines.slice(0, 5)).to.deep.equal([NAME, '3', checkpoint.root.toString('base64'), 'time 2026-11-27T10:00:00.000Z', '']);
    expect(lines[5]).to.match(new RegExp(`^\u2014 ${NAME} [A-Za-z0-9+/]{91}=$`));
    expect(Buffer.from(lines[5]?.split(' ')[2] ?? '', 'base64').subarray(0, 4)).to.deep.equal(keyId(NAME, keys.publicKey));
    expect(openCheckpoint(note, NAME, keys.publicKey)).to.deep.equal(checkpoint);
  });

  it('has a signature OpenSSL verifies with the public key alone (pkeyutl -verify -rawin)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcms-checkpoint-'));
    try {
      const note = signCheckpoint(checkpoint, NAME, keys.privateKey);
      const signature = Buffer.from(note.trimEnd().split('\n').at(-1)?.split(' ')[2] ?? '', 'base64').subarray(4);
      writeFileSync(join(dir, 'body'), checkpointBody(checkpoint));
      writeFileSync(join(dir, 'signature'), signature);
      writeFileSync(join(dir, 'key.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
      const verify = (body: string) =>
        execFileSync('openssl', [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          join(dir, 'key.pem'),
          '-rawin',
          '-in',
          body,
          '-sigfile',
          join(dir, 'signature'),
        ])
          .toString()
          .trim();
      expect(verify(join(dir, 'body'))).to.equal('Signature Verified Successfully');
      writeFileSync(join(dir, 'forged'), checkpointBody({ ...checkpoint, size: 4 }));
      expect(() => verify(join(dir, 'forged'))).to.throw();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused when a byte of it changed, when another key signed it, or when it is not a checkpoint', () => {
    const note = signCheckpoint(checkpoint, NAME, keys.privateKey);
    expect(openCheckpoint(note.replace('\n3\n', '\n4\n'), NAME, keys.publicKey)).to.deep.equal({ error: `no valid signature by ${NAME}` });
    const other = generateKeyPairSync('ed25519');
    expect(openCheckpoint(signCheckpoint(checkpoint, NAME, other.privateKey), NAME, keys.publicKey)).to.have.property('error');
    expect(openCheckpoint(note, 'someone.else', keys.publicKey)).to.have.property('error');
    expect(openCheckpoint('hcms.test/events\n3\n', NAME, keys.publicKey)).to.have.property('error');
  });
});
