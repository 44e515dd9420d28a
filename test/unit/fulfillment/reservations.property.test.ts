import { keyedEntries, keyedGet } from '../../../src/domain/fulfillment/keyed.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PromotionEvent } from '../../../src/domain/fulfillment/promotions/events.js';
import { promotionDecider, type PromotionState } from '../../../src/domain/fulfillment/promotions/promotion.js';
import type { RewardEvent } from '../../../src/domain/fulfillment/rewards/events.js';
import { rewardDecider, type RewardState } from '../../../src/domain/fulfillment/rewards/reward.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { created, listed, PROGRAM, T0 } from './fixtures.js';

type Op =
  | { kind: 'place'; order: number; amount: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'expire'; order: number }
  | { kind: 'restock'; quantity: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), order: fc.nat(15), amount: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(15) }),
  fc.record({ kind: fc.constant('expire' as const), order: fc.nat(15) }),
  fc.record({ kind: fc.constant('restock' as const), quantity: fc.integer({ min: -5, max: 5 }) }),
);

/** Decides on the state and folds what was decided in; a refusal changes nothing. */
function step<S, C, E extends RewardEvent | PromotionEvent>(
  decider: { decide: (c: C, s: S) => E[]; evolve: (s: S, e: E) => S },
  state: S,
  command: C,
): { state: S; ok: boolean } {
  try {
    return { state: decider.decide(command, state).reduce(decider.evolve, state), ok: true };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { state, ok: false };
  }
}

describe('reservations under any interleaving of place, cancel, expire and restock', () => {
  it('never hold more than the budget, and never take the stock below zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
        fc.array(op, { maxLength: 80 }),
        (budget, stock, ops) => {
          let promotion: PromotionState = promotionDecider.evolve(promotionDecider.initialState(), created(budget));
          let reward: RewardState = rewardDecider.evolve(rewardDecider.initialState(), listed(stock));
          let restocked = 0;
          for (const o of ops) {
            const orderId = `order-${'order' in o ? o.order : 0}`;
            if (o.kind === 'place') {
              const reserve = {
                type: 'ReserveBudget' as const,
                data: { programId: PROGRAM, orderId, sku: 'GIFT', amount: o.amount, now: T0 },
              };
              const budgeted = step(promotionDecider, promotion, reserve);
              promotion = budgeted.state;
              if (budgeted.ok) {
                const unit = step(rewardDecider, reward, { type: 'ReserveStock', data: { orderId } });
                reward = unit.state;
                if (!unit.ok)
                  promotion = step(promotionDecider, promotion, { type: 'ReleaseBudget', data: { orderId } }).state;
              }
            } else if (o.kind === 'restock') {
              const before = reward.status === 'listed' ? reward.stock : null;
              reward = step(rewardDecider, reward, { type: 'Restock', data: { quantity: o.quantity, now: T0 } }).state;
              if (reward.status === 'listed' && before !== reward.stock) restocked += o.quantity;
            } else {
              promotion = step(promotionDecider, promotion, { type: 'ReleaseBudget', data: { orderId } }).state;
              reward = step(rewardDecider, reward, { type: 'ReleaseStock', data: { orderId } }).state;
            }
            if (promotion.status !== 'created' || reward.status !== 'listed') throw new Error('lost the aggregates');
            const held = keyedEntries(promotion.held).reduce((sum, [, amount]) => sum + amount, 0);
            expect(held).toBe(promotion.heldTotal);
            expect(held).toBeLessThanOrEqual(budget);
            if (reward.stock !== null) {
              expect(reward.stock).toBeGreaterThanOrEqual(0);
              const counted = keyedEntries(reward.reservations).filter(([, c]) => c).length;
              expect(reward.stock + counted).toBe((stock ?? 0) + restocked);
            }
            // Every unit is held by an order that also holds budget: nothing is left reserved by a refusal.
            for (const [orderId] of keyedEntries(reward.reservations))
              expect(keyedGet(promotion.held, orderId)).toBeDefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
