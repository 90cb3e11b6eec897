/** Published in the repository so a fresh checkout runs; anyone can sign tokens with it. */
export const DEV_JWT_SECRET = 'hcms-development-secret-change-me-0123456789';

const LOOPBACK = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

/** Only this machine can reach a loopback listener, so only there is a public secret harmless. */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host.trim());

/**
 * A secret from configuration, or its public development value while nobody else can connect.
 * Whatever NODE_ENV says, a reachable listener with a public secret would let anyone use it (mint
 * an admin token, reverse the identity index), so that start is refused.
 */
export const secretFor = (
  variable: string,
  configured: string | undefined,
  development: string,
  host: string,
  production: boolean,
): { readonly secret: string; readonly warnings: readonly string[] } => {
  const secret = configured ?? development;
  if (secret === development) {
    if (production) {
      throw new Error(`invalid configuration: ${variable} must be set to a private secret when NODE_ENV=production`);
    }
    if (!isLoopback(host)) {
      throw new Error(
        `invalid configuration: ${variable} must be set to a private secret (at least 32 characters) when HCMS_HOST (${host}) ` +
          `is not a loopback address; the development secret is public. Set ${variable}, or listen on 127.0.0.1`,
      );
    }
    return { secret, warnings: [`${variable} is not set: using the development secret; never do this with real patient data`] };
  }
  if (secret.length < 32) throw new Error(`invalid configuration: ${variable} must be at least 32 characters`);
  return { secret, warnings: [] };
};

/** The HS256 key of the platform's tokens. */
export const jwtSecretFor = (configured: string | undefined, host: string, production: boolean) =>
  secretFor('HCMS_JWT_SECRET', configured, DEV_JWT_SECRET, host, production);
