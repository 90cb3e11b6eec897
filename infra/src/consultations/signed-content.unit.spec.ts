import { expect } from 'chai';
import canonicalize from 'canonicalize';
import { canonicalJson } from '@hcms/consultations';

/**
 * The domain writes the canonical JSON a signature covers by hand (it may import no library); the
 * seal and the audit trail use the `canonicalize` package. Both must be RFC 8785, byte for byte.
 */
describe('The canonical JSON of signed encounter content', () => {
  it('is the same text `canonicalize` (RFC 8785) gives, for keys and strings out of the ASCII range and awkward numbers', () => {
    const content = {
      zeta: [3, 0.1, 1e21, 1e-7, -0, 123456789012345680000],
      alpha: { é: 'café', '\u20ac': 'euro', a: true, b: null, emoji: '😀', control: '\u0007\n"' },
      list: [{ b: 2, a: 1 }, 'x', false],
      '': 'empty key',
    };
    expect(canonicalJson(content)).to.equal(canonicalize(content));
  });
});
