import { createHash } from 'node:crypto';

/** One code as Ifeelgoods' `reward_codes.codes` shows it. */
export interface RewardCode {
  readonly name: string;
  readonly value: string;
  readonly format: 'string' | 'url' | 'barcode';
  readonly usage: string;
}

export type ProviderAnswer =
  | { readonly status: 'issued'; readonly codes: readonly RewardCode[] }
  | { readonly status: 'failed'; readonly reason: string }
  /** Slower than the request's bounded wait: the order stays processing, a later attempt gets the codes. */
  | { readonly status: 'slow' };

/** The port to the reward provider: issuing the same order again answers the same codes. */
export interface RewardProvider {
  issue(request: {
    readonly orderId: string;
    readonly sku: string;
    readonly placedAt: string;
    readonly now: string;
  }): Promise<ProviderAnswer> | ProviderAnswer;
}

/** How long SANDBOX-SLOW takes: past the 10 s a request waits for the provider. */
export const SANDBOX_SLOW_MS = 12_000;

/**
 * The sandbox adapter: codes derived from the order id (`SBX-…`), so a retry issues the same code;
 * SANDBOX-FAIL always fails; SANDBOX-SLOW answers once SANDBOX_SLOW_MS have passed since the order was placed.
 */
export const sandboxProvider: RewardProvider = {
  issue({ orderId, sku, placedAt, now }) {
    if (sku === 'SANDBOX-FAIL') return { status: 'failed', reason: 'the sandbox provider refuses SANDBOX-FAIL' };
    if (sku === 'SANDBOX-SLOW' && Date.parse(now) - Date.parse(placedAt) < SANDBOX_SLOW_MS) return { status: 'slow' };
    const digest = createHash('sha256').update(`sandbox\n${orderId}`).digest('hex').toUpperCase();
    const value = `SBX-${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`;
    return {
      status: 'issued',
      codes: [{ name: 'code', value, format: 'string', usage: 'enter the code at checkout' }],
    };
  },
};
