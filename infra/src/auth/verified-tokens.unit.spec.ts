import { expect } from 'chai';
import { VerifiedTokens } from './verified-tokens.js';

describe('Verified tokens', () => {
  const actor = { id: 'dr-a', role: 'clinician' } as const;

  it('answers for a token until the instant it stops being valid, then forgets it', () => {
    let now = 1_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', actor, 2_000);
    expect(tokens.get('t')).to.deep.equal(actor);
    now = 1_999;
    expect(tokens.get('t')).to.deep.equal(actor);
    now = 2_000;
    expect(tokens.get('t')).to.equal(undefined);
    now = 1_500; // a clock set back does not revive what was forgotten
    expect(tokens.get('t')).to.equal(undefined);
  });

  it('keeps at most its limit, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('a', actor, 10);
    tokens.remember('b', actor, 10);
    tokens.remember('c', actor, 10);
    expect([tokens.get('a'), tokens.get('b'), tokens.get('c')]).to.deep.equal([undefined, actor, actor]);
  });
});
