import { jwtVerify, SignJWT, errors } from 'jose';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { RoleCodec, type Actor, type Role } from '@hcms/shared-kernel';
import { VerifiedTokens } from './verified-tokens.js';

const Claims = t.type({ sub: t.string, role: RoleCodec, iat: t.number, exp: t.number });
const ALGORITHM = 'HS256';

export const DEFAULT_AUDIENCE = 'hcms';
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** Processes on other machines may issue a token a few seconds "before" this one's clock. */
const CLOCK_TOLERANCE_SECONDS = 10;

export interface TokenService {
  issue(subject: string, role: Role): Promise<string>;
  /** The actor a bearer token names, or why it is refused. */
  verify(token: string): Promise<E.Either<string, Actor>>;
}

export interface TokenPolicy {
  /** Written into issued tokens and required of every token presented. */
  readonly audience?: string;
  /** The longest `exp - iat` a token may claim; issued tokens must fit under it too. */
  readonly maxLifetimeSeconds?: number;
}

/** What a refused token is told: enough to fix the client, nothing about the key. */
const refusal = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return error.claim === 'exp' ? 'token expired' : 'token issued too long ago';
  if (error instanceof errors.JOSEAlgNotAllowed) return `token must be signed with ${ALGORITHM}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature does not verify';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `token lacks the ${error.claim} claim`;
    switch (error.claim) {
      case 'iss':
        return 'token issuer is not accepted';
      case 'aud':
        return 'token audience is not accepted';
      case 'nbf':
        return 'token is not valid yet';
      case 'iat':
        return 'token is issued in the future';
      default:
        return `token ${error.claim} claim is invalid`;
    }
  }
  return 'invalid token';
};

/**
 * HS256 bearer tokens with the role in a claim. A token must name our issuer and audience,
 * carry `iat` and `exp`, and live no longer than the policy's maximum: a leaked token without
 * `exp` would otherwise open patient records forever.
 */
export const jwtTokenService = (secret: string, issuer: string, ttlSeconds: number, policy: TokenPolicy = {}): TokenService => {
  const key = new TextEncoder().encode(secret);
  const audience = policy.audience ?? DEFAULT_AUDIENCE;
  const maxLifetime = policy.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (ttlSeconds > maxLifetime) throw new Error(`token lifetime ${ttlSeconds}s exceeds the maximum of ${maxLifetime}s`);
  const verified = new VerifiedTokens();
  return {
    issue: (subject, role) =>
      new SignJWT({ role })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    verify: async (token) => {
      const known = verified.get(token);
      if (known) return E.right(known);
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer,
          audience,
          algorithms: [ALGORITHM],
          requiredClaims: ['exp', 'iat', 'sub'],
          maxTokenAge: maxLifetime,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        const claims = Claims.decode(payload);
        if (E.isLeft(claims)) return E.left('token lacks a valid sub or role');
        const { sub, role, iat, exp } = claims.right;
        if (exp - iat > maxLifetime) return E.left(`token lifetime exceeds the maximum of ${maxLifetime}s`);
        const actor: Actor = { id: sub, role };
        // Not past what the checks above allow without their clock tolerance: stricter, never looser.
        verified.remember(token, actor, Math.min(exp, iat + maxLifetime) * 1000);
        return E.right(actor);
      } catch (error) {
        return E.left(refusal(error));
      }
    },
  };
};

/** The token service a configuration describes. */
export const tokenServiceFor = (config: {
  readonly jwtSecret: string;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly tokenTtlSeconds: number;
  readonly tokenMaxLifetimeSeconds: number;
}): TokenService =>
  jwtTokenService(config.jwtSecret, config.jwtIssuer, config.tokenTtlSeconds, {
    audience: config.jwtAudience,
    maxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
  });
