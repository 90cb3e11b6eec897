import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { SignJWT, type JWTPayload } from 'jose';
import { jwtTokenService } from './jwt.js';

const SECRET = 'a-private-secret-of-at-least-32-characters!';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const service = jwtTokenService(SECRET, 'hcms', 600, { audience: 'hcms', maxLifetimeSeconds: 3600 });

/** A token as a client might craft it: valid unless a test changes one part. */
const craft = (claims: JWTPayload = {}, alg = 'HS256', signingKey = key) =>
  new SignJWT({ role: 'admin', sub: 'mallory', iss: 'hcms', aud: 'hcms', iat: now(), exp: now() + 600, ...claims })
    .setProtectedHeader({ alg })
    .sign(signingKey);

const without = async (claim: string) => {
  const full: Record<string, unknown> = { role: 'admin', sub: 'mallory', iss: 'hcms', aud: 'hcms', iat: now(), exp: now() + 600 };
  delete full[claim];
  return new SignJWT(full).setProtectedHeader({ alg: 'HS256' }).sign(key);
};

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** `alg: none` cannot be made with a signing library: it is exactly what they refuse to produce. */
const unsigned = () =>
  `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'admin', sub: 'mallory', iss: 'hcms', aud: 'hcms', iat: now(), exp: now() + 600 })}.`;

const refusalOf = async (token: string | Promise<string>) => {
  const result = await service.verify(await token);
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};

describe('Bearer tokens', () => {
  it('accept a token the service issued and name its actor', async () => {
    expect(await service.verify(await service.issue('clinician-3', 'clinician'))).to.deep.equal(
      E.right({ id: 'clinician-3', role: 'clinician' }),
    );
  });

  it('accept a well-formed token signed with the key', async () => {
    expect(E.isRight(await service.verify(await craft()))).to.equal(true);
  });

  describe('refuse', () => {
    it('a token without exp', async () => expect(await refusalOf(without('exp'))).to.equal('token lacks the exp claim'));
    it('a token without iat', async () => expect(await refusalOf(without('iat'))).to.equal('token lacks the iat claim'));
    it('a token without an audience', async () => expect(await refusalOf(without('aud'))).to.equal('token lacks the aud claim'));
    it('an expired token', async () => expect(await refusalOf(craft({ iat: now() - 1200, exp: now() - 600 }))).to.equal('token expired'));
    it('a token not valid yet (nbf)', async () =>
      expect(await refusalOf(craft({ nbf: now() + 300, exp: now() + 900 }))).to.equal('token is not valid yet'));
    it('a token issued in the future', async () =>
      expect(await refusalOf(craft({ iat: now() + 300, exp: now() + 900 }))).to.equal('token is issued in the future'));
    it('a token living longer than the maximum', async () =>
      expect(await refusalOf(craft({ exp: now() + 3601 }))).to.equal('token lifetime exceeds the maximum of 3600s'));
    it('a token of another issuer', async () =>
      expect(await refusalOf(craft({ iss: 'someone-else' }))).to.equal('token issuer is not accepted'));
    it('a token for another audience', async () =>
      expect(await refusalOf(craft({ aud: 'hcms-api' }))).to.equal('token audience is not accepted'));
    it('a token with alg none', async () => expect(await refusalOf(unsigned())).to.equal('token must be signed with HS256'));
    it('a token signed with another algorithm (HS512)', async () =>
      expect(await refusalOf(craft({}, 'HS512'))).to.equal('token must be signed with HS256'));
    it('a token signed with another key', async () =>
      expect(await refusalOf(craft({}, 'HS256', new TextEncoder().encode(`${SECRET}-not`)))).to.equal('token signature does not verify'));
    it('a token whose role is unknown', async () =>
      expect(await refusalOf(craft({ role: 'superuser' }))).to.equal('token lacks a valid sub or role'));
  });

  it('will not be configured to issue tokens living longer than the maximum', () => {
    expect(() => jwtTokenService(SECRET, 'hcms', 7200, { maxLifetimeSeconds: 3600 })).to.throw(/exceeds the maximum/);
  });

  it('issue tokens carrying the audience, iat and an exp within the lifetime', async () => {
    const token = await service.issue('clinician-3', 'clinician');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).to.include({ aud: 'hcms', iss: 'hcms', sub: 'clinician-3', role: 'clinician' });
    expect(claims['exp']).to.equal((claims['iat'] as number) + 600);
  });
});
