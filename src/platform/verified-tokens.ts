import type { JWTPayload } from 'jose';

/** Seconds of clock skew allowed past a token's `exp`, as jwtVerify allows them. */
export const CLOCK_TOLERANCE_S = 5;
const MAX_TOKENS = 10_000;
const HOLD_MS = 60_000;

/**
 * The tokens whose signature this process checked lately, by their exact text, audience and issuer: a client sends
 * the same token on every call of its session, and an ECDSA verification cost more than the rest of a light request.
 * Only tokens that verified are kept (a flood of forged ones cannot push the good ones out, and each is still
 * checked); a kept one still expires at its `exp`, and is checked again after HOLD_MS at most.
 */
export class VerifiedTokens<P extends JWTPayload> {
  private readonly entries = new Map<string, { readonly payload: P; readonly until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async verify(token: string, context: string, verify: () => Promise<P>): Promise<P> {
    const key = `${context}\n${token}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.payload;
    this.entries.delete(key);
    const payload = await verify();
    const expires = typeof payload.exp === 'number' ? (payload.exp + CLOCK_TOLERANCE_S) * 1000 : 0;
    const until = Math.min(expires, this.now() + HOLD_MS);
    if (until > this.now()) {
      if (this.entries.size >= MAX_TOKENS) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { payload, until });
    }
    return payload;
  }
}
