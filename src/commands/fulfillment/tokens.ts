import { randomBytes } from 'node:crypto';
import type { PromotionState } from '../../domain/fulfillment/promotions/promotion.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { promotions, tokens as tokenStreams } from './aggregates.js';

/** A token's SHA-256 digest: tokens are never stored, only compared by it. */
export const tokenDigest = (token: string): string => sha256Hex(token);
const hint = (token: string): string => token.slice(-4);

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A generated token: 16 characters without look-alikes (0/O, 1/I). */
const generated = (): string => [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');

/**
 * Issues `count` generated tokens or imports `given` ones on the promotion; only their digests and last 4 characters
 * are kept. The tokens are answered once, here.
 */
export async function issueTokens(
  deps: CommandDeps,
  promotionId: string,
  input: { readonly count: number } | { readonly tokens: readonly string[] },
  context: CommandContext,
): Promise<CommandResult<PromotionState> & { readonly tokens: readonly string[] }> {
  const issued = 'count' in input ? Array.from({ length: input.count }, generated) : [...input.tokens];
  const data = {
    programId: context.tenantId,
    tokens: issued.map((token) => ({ digest: tokenDigest(token), hint: hint(token) })),
    now: deps.clock.now().toISOString(),
  };
  const result = await promotions.handle(promotionId, { type: 'IssueTokens', data }, { store: deps.store, context });
  return { ...result, tokens: issued };
}

/** Available tokens become revoked, each on its own stream; unknown, redeemed or revoked ones are left as they are. */
export async function revokeTokens(
  deps: CommandDeps,
  promotion: { readonly id: string; readonly tokens: Readonly<Record<string, string>> },
  given: readonly string[],
  context: CommandContext,
) {
  const now = deps.clock.now().toISOString();
  let position: Position | undefined;
  let revoked = 0;
  for (const digest of new Set(given.map(tokenDigest))) {
    if (!(digest in promotion.tokens)) continue;
    const data = { promotionId: promotion.id, tokenDigest: digest, now };
    const result = await tokenStreams.handle(
      `${promotion.id}:${digest}`,
      { type: 'RevokeToken', data },
      {
        store: deps.store,
        context,
      },
    );
    position = result.position ?? position;
    revoked += result.events.length;
  }
  return { revoked, position };
}

export function allowUsers(
  deps: CommandDeps,
  promotionId: string,
  userIds: readonly string[],
  context: CommandContext,
) {
  const data = { programId: context.tenantId, userIds, now: deps.clock.now().toISOString() };
  return promotions.handle(promotionId, { type: 'AllowUsers', data }, { store: deps.store, context });
}

export function disallowUser(deps: CommandDeps, promotionId: string, userId: string, context: CommandContext) {
  const data = { programId: context.tenantId, userId, now: deps.clock.now().toISOString() };
  return promotions.handle(promotionId, { type: 'DisallowUser', data }, { store: deps.store, context });
}
