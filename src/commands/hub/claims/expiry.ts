import type { CommandContext } from '../../shared/command.js';
import { claims, loadClaim, matchClaim, rejectClaim, type ClaimDeps } from './claims.js';

export const CLAIM_EXPIRY = 'claimExpiry';
const DAY_MS = 86_400_000;

export interface ExpiryDeps extends ClaimDeps {
  /** The pending claims without attachment (of one hub, or all), oldest first. */
  readonly pendingWithoutAttachment: (hubId: string | undefined) => Promise<{ claimId: string; programId: string }[]>;
}

/**
 * claimExpiry (flow 5.4): each pending claim without attachment is matched again (a sync may have brought its debit
 * since); one filed `days` or more ago that still finds none is rejected with TRANSACTION_NOT_FOUND. Run twice, it
 * does nothing more (each step is decided on the claim's or the debit's stream).
 */
export async function expireClaims(deps: ExpiryDeps, days: number, hubId?: string) {
  const horizon = deps.clock.now().getTime() - days * DAY_MS;
  let validated = 0;
  let rejected = 0;
  for (const { claimId, programId } of await deps.pendingWithoutAttachment(hubId)) {
    const context: CommandContext = { tenantId: programId, actor: CLAIM_EXPIRY, causationId: claimId };
    const state = await loadClaim(deps.store, claimId);
    if (state.status !== 'pending') continue;
    // The checks of flow 5.2 again, in case a crash came between the filing and them.
    const facts = await deps.facts(state.filed);
    const loaded = await claims.handle(
      claimId,
      { type: 'CheckClaim', data: { facts, now: deps.clock.now().toISOString() } },
      { store: deps.store, context },
    );
    const matched = await matchClaim(deps, loaded, 'automatic', context);
    if (matched.state.status === 'validated') {
      validated++;
      continue;
    }
    if (matched.state.status !== 'pending' || Date.parse(matched.state.filed.filedAt) > horizon) continue;
    await rejectClaim(
      deps,
      claimId,
      { code: 'TRANSACTION_NOT_FOUND', rejectionReason: 'No transaction was found for this purchase', by: 'expiry' },
      context,
    );
    rejected++;
  }
  return { validated, rejected };
}
