import type { OrderPlacedData } from '../../../src/domain/fulfillment/orders/events.js';
import type { PromotionEvent, PromotionFields } from '../../../src/domain/fulfillment/promotions/events.js';
import type { RewardEvent, RewardFields } from '../../../src/domain/fulfillment/rewards/events.js';

export const T0 = '2026-11-22T10:00:00.000Z';
export const PROGRAM = '11111111-1111-4111-8111-111111111111';
export const PROMOTION = '22222222-2222-4222-8222-222222222222';

export const giftFields: RewardFields = {
  name: 'Gift 10',
  provider: { id: 'sandbox', name: 'Sandbox' },
  denominationType: 'fixed',
  faceValue: 1000,
  minValue: null,
  maxValue: null,
  currency: 'EUR',
  countries: ['FR'],
  categories: [],
  media: ['code'],
  description: '',
  termsAndConditions: '',
  logoUrl: null,
};

export const listed = (stockQuantity: number | null, sku = 'GIFT'): RewardEvent => ({
  type: 'CatalogRewardListed',
  data: { sku, fields: giftFields, status: 'enabled', stockQuantity, listedAt: T0 },
});

export const promotionFields = (budget: number): PromotionFields => ({
  name: 'Thanks',
  startDatetime: '2026-01-01T00:00:00.000Z',
  endDatetime: '2027-01-01T00:00:00.000Z',
  rewards: [{ sku: 'GIFT', status: 'enabled' }],
  authenticationSystems: ['none'],
  redeemFrequency: 'multiple',
  budget,
  currency: 'EUR',
  linkTtlDays: 30,
  redemptionUrlTemplate: null,
});

export const created = (budget: number): PromotionEvent => ({
  type: 'PromotionCreated',
  data: {
    promotionId: PROMOTION,
    programId: PROGRAM,
    fields: promotionFields(budget),
    status: 'enabled',
    createdAt: T0,
  },
});

export const placedData = (overrides: Partial<OrderPlacedData> = {}): OrderPlacedData => ({
  orderId: '33333333-3333-5333-8333-333333333333',
  programId: PROGRAM,
  clientOrderId: 'ORD-1',
  promotionId: PROMOTION,
  promotionName: 'Thanks',
  sku: 'GIFT',
  rewardName: 'Gift 10',
  provider: { id: 'sandbox', name: 'Sandbox' },
  value: 1000,
  currency: 'EUR',
  user: null,
  deliveryMethod: 'none',
  testing: true,
  placedAt: T0,
  expiresAt: null,
  claimCodeDigest: null,
  claimCodeSealed: null,
  ...overrides,
});
