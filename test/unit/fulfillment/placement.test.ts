import { describe, expect, it } from 'vitest';
import { decidePlacements, type Placement } from '../../../src/domain/fulfillment/orders/placement.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { keyedEntries } from '../../../src/domain/fulfillment/keyed.js';
import { promotionDecider } from '../../../src/domain/fulfillment/promotions/promotion.js';
import { rewardDecider } from '../../../src/domain/fulfillment/rewards/reward.js';
import type { PromotionEvent } from '../../../src/domain/fulfillment/promotions/events.js';
import type { RewardEvent } from '../../../src/domain/fulfillment/rewards/events.js';
import { created, listed, placedData, PROMOTION } from './fixtures.js';

const order = (n: number, extra: Partial<Placement> = {}): Placement => ({
  data: placedData({ orderId: `order-${n}`, clientOrderId: `ORD-${n}`, promotionName: '' }),
  ...extra,
});

/** Given the promotion's and the reward's events, when these orders are placed together: each one's decision. */
const given = (promotion: PromotionEvent[], reward: RewardEvent[]) => ({
  when: (placements: Placement[]) =>
    decidePlacements(
      { promotion: fold(promotionDecider, promotion), rewards: new Map([['GIFT', fold(rewardDecider, reward)]]) },
      placements,
    ),
});

const reasonOf = (error: unknown) => (error as { details: Array<{ message: string }> }).details[0]!.message;

describe('placing orders of one promotion together', () => {
  it('reserves the budget, a unit, and places each order with its codes, named after the promotion', () => {
    const codes = { type: 'IssueCodes', data: { codesSealed: 'sealed', now: placedData().placedAt } } as const;
    const { decisions } = given([created(5000)], [listed(5)]).when([order(1, { outcome: codes })]);
    expect(decisions).toEqual([
      {
        placed: true,
        promotion: [
          {
            type: 'PromotionBudgetReserved',
            data: { promotionId: PROMOTION, orderId: 'order-1', amount: 1000, sku: 'GIFT' },
          },
        ],
        reward: [{ type: 'CatalogRewardStockReserved', data: { sku: 'GIFT', orderId: 'order-1', counted: true } }],
        order: [
          { type: 'OrderPlaced', data: { ...order(1).data, promotionName: 'Thanks' } },
          { type: 'OrderCodeIssued', data: { orderId: 'order-1', codesSealed: 'sealed', issuedAt: codes.data.now } },
          { type: 'OrderDelivered', data: { orderId: 'order-1', deliveredAt: codes.data.now } },
        ],
        state: expect.objectContaining({ status: 'placed', orderStatus: 'delivered' }) as unknown,
      },
    ]);
  });

  it('decides each order on what the ones before it left: the last unit goes to the first, the next is refused', () => {
    const { decisions, after } = given([created(5000)], [listed(1)]).when([order(1), order(2), order(3)]);
    expect(decisions.map((d) => d.placed)).toEqual([true, false, false]);
    expect(decisions.slice(1).map((d) => (d.placed ? '' : reasonOf(d.error)))).toEqual([
      'out_of_stock',
      'out_of_stock',
    ]);
    expect(after.rewards.get('GIFT')).toMatchObject({ stock: 0 });
    expect(after.promotion).toMatchObject({ heldTotal: 1000 });
  });

  it('refuses past the budget, and a refused order holds nothing', () => {
    const { decisions, after } = given([created(1500)], [listed(null)]).when([order(1), order(2)]);
    expect(decisions.map((d) => (d.placed ? 'placed' : reasonOf(d.error)))).toEqual(['placed', 'budget_exceeded']);
    expect(after.promotion).toMatchObject({ heldTotal: 1000 });
    expect(after.promotion.status === 'created' && keyedEntries(after.promotion.held)).toEqual([['order-1', 1000]]);
  });

  it('takes no unit of a reward that is not stock-managed', () => {
    const { decisions } = given([created(5000)], [listed(null)]).when([order(1)]);
    expect(decisions[0]).toMatchObject({ placed: true, reward: [] });
  });

  it('uses a reservation already held for the order again (a request that died before writing its order)', () => {
    const held: PromotionEvent = {
      type: 'PromotionBudgetReserved',
      data: { promotionId: PROMOTION, orderId: 'order-1', amount: 1000, sku: 'GIFT' },
    };
    const { decisions, after } = given([created(1000), held], [listed(null)]).when([order(1)]);
    expect(decisions[0]).toMatchObject({ placed: true, promotion: [] });
    expect(after.promotion).toMatchObject({ heldTotal: 1000 });
  });

  it('sets a link order to expire the promotion’s link_ttl_days after it is placed', () => {
    const link = order(1, { expiresAfter: (days) => `+${days}d` });
    const linkOrder = { ...link, data: { ...link.data, deliveryMethod: 'link' as const } };
    const { decisions } = given([created(5000)], [listed(null)]).when([linkOrder]);
    expect(decisions[0]).toMatchObject({ placed: true, order: [{ data: { expiresAt: '+30d' } }] });
  });
});
