import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { decryptField, encryptField, isEncrypted, unwrapKey, wrapKey } from './field-cipher.js';

describe('A personal field, encrypted', () => {
  const key = randomBytes(32);
  const value = { givenName: 'Ada', familyName: 'Lovelace', phone: '+441632960961' };

  it('opens to the value it sealed, and shows none of it', () => {
    const sealed = encryptField(key, value, 'event-1.demographics');
    expect(isEncrypted(sealed)).to.equal(true);
    expect(JSON.stringify(sealed)).not.to.match(/Ada|Lovelace|1632960961/);
    expect(decryptField(key, sealed, 'event-1.demographics')).to.deep.equal(value);
    expect(encryptField(key, value, 'event-1.demographics')).not.to.deep.equal(sealed); // a fresh IV each time
  });

  it('does not open with another key, in another event or field, or once a byte changed', () => {
    const sealed = encryptField(key, value, 'event-1.demographics');
    expect(() => decryptField(randomBytes(32), sealed, 'event-1.demographics')).to.throw();
    expect(() => decryptField(key, sealed, 'event-2.demographics')).to.throw();
    const bytes = Buffer.from(Object.values(sealed)[0].slice(3), 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(() => decryptField(key, { '$hcms:enc': `v1.${bytes.toString('base64')}` }, 'event-1.demographics')).to.throw();
  });

  it('has its key wrapped by the master key, bound to its patient', () => {
    const master = randomBytes(32);
    const wrapped = wrapKey(master, key, 'patient-1');
    expect(unwrapKey(master, wrapped, 'patient-1').equals(key)).to.equal(true);
    expect(() => unwrapKey(master, wrapped, 'patient-2')).to.throw();
    expect(() => unwrapKey(randomBytes(32), wrapped, 'patient-1')).to.throw();
  });
});
