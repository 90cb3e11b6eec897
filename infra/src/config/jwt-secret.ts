/** Published in the repository so a fresh checkout runs; anyone can sign tokens with it. */
export const DEV_JWT_SECRET = 'hcms-development-secret-change-me-0123456789';

const LOOPBACK = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

/** Only this machine can reach a loopback listener, so only there is a public secret harmless. */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host.trim());

/**
 * The HS256 key: the configured one, or the development one while nobody else can connect.
 * Whatever NODE_ENV says, a reachable listener with the public key would let anyone mint an
 * admin token, so that start is refused.
 */
export const jwtSecretFor = (
  configured: string | undefined,
  host: string,
  production: boolean,
): { readonly secret: string; readonly warnings: readonly string[] } => {
  const secret = configured ?? DEV_JWT_SECRET;
  if (secret === DEV_JWT_SECRET) {
    if (production) {
      throw new Error('invalid configuration: HCMS_JWT_SECRET must be set to a private secret when NODE_ENV=production');
    }
    if (!isLoopback(host)) {
      throw new Error(
        `invalid configuration: HCMS_JWT_SECRET must be set to a private secret (at least 32 characters) when HCMS_HOST (${host}) ` +
          'is not a loopback address; the development secret is public. Set HCMS_JWT_SECRET, or listen on 127.0.0.1',
      );
    }
    return {
      secret,
      warnings: ['HCMS_JWT_SECRET is not set: using the development secret; never do this with real patient data'],
    };
  }
  if (secret.length < 32) throw new Error('invalid configuration: HCMS_JWT_SECRET must be at least 32 characters');
  return { secret, warnings: [] };
};
