import { jwtVerify, SignJWT, errors } from 'jose';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { RoleCodec, type Actor, type Role } from '@hcms/shared-kernel';

const Claims = t.type({ sub: t.string, role: RoleCodec });
const AUDIENCE = 'hcms-api';

export interface TokenService {
  issue(subject: string, role: Role): Promise<string>;
  /** The actor a bearer token names, or why it is refused. */
  verify(token: string): Promise<E.Either<string, Actor>>;
}

/** HS256 bearer tokens with the role in a claim; issuer and audience are checked. */
export const jwtTokenService = (secret: string, issuer: string, ttlSeconds: number): TokenService => {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (subject, role) =>
      new SignJWT({ role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, key, { issuer, audience: AUDIENCE, algorithms: ['HS256'] });
        const claims = Claims.decode(payload);
        return E.isRight(claims) ? E.right({ id: claims.right.sub, role: claims.right.role }) : E.left('token lacks a valid sub or role');
      } catch (error) {
        return E.left(error instanceof errors.JWTExpired ? 'token expired' : 'invalid token');
      }
    },
  };
};
