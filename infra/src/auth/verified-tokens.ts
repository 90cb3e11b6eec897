import type { Actor } from '@hcms/shared-kernel';

/**
 * Tokens already verified, with the actor they name, until they expire. A client presents the same
 * token with every request, and each service behind the gateway checks it again: verifying an
 * HS256 signature costs about 0.2 ms, a lookup nothing. The same string carries the same signature,
 * so a cached answer is the answer; only time can change it, and an entry dies with its token.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { readonly actor: Actor; readonly untilMs: number }>();

  constructor(
    private readonly limit = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.untilMs > this.now()) return entry.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** `untilMs`: the first instant the token is no longer valid (its expiry, or its maximum age). */
  remember(token: string, actor: Actor, untilMs: number): void {
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { actor, untilMs });
  }
}
