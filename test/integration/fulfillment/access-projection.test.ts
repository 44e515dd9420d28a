import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStream, promotionStream, tokenStream } from '../../../src/commands/fulfillment/streams.js';
import { orderEvents } from '../../../src/domain/fulfillment/orders/events.js';
import { promotionEvents } from '../../../src/domain/fulfillment/promotions/events.js';
import { tokenEvents } from '../../../src/domain/fulfillment/tokens/events.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { fulfillmentProjection } from '../../../src/projections/fulfillment/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { placedData, promotionFields, T0 } from '../../unit/fulfillment/fixtures.js';

/*
 * One case per token, allow-list, redemption and reservation event of the fulfillment projection, each applied twice
 * (a replay changes nothing); and the page the runner hands over, applied in runs, gives the rows one by one gives.
 */

const LATER = '2026-11-23T10:00:00.000Z';

describe('the fulfillment projection: tokens, allow-lists, redemptions, reservations', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const apply = (...events: RecordedEvent[]) =>
    applyToDb(infra.knex, fulfillmentProjection, events, { replayed: true });
  const applyPage = (...events: RecordedEvent[]) =>
    applyToDb(infra.knex, fulfillmentProjection, events, { replayed: true, batch: true });
  const tokens = (promotionId: string) =>
    infra.knex('rm_fulfillment_tokens').where({ promotion_id: promotionId }).orderBy('digest');
  const users = (promotionId: string) =>
    infra.knex('rm_fulfillment_promotion_users').where({ promotion_id: promotionId }).pluck('user_id');
  const reservation = (orderId: string) =>
    infra.knex('rm_fulfillment_reservations').where({ order_id: orderId }).first();
  const promotionRow = (id: string) => infra.knex('rm_fulfillment_promotions').where({ id }).first();
  const orderRow = (id: string) => infra.knex('rm_fulfillment_orders').where({ id }).first();

  const onPromotion = (promotionId: string, type: keyof typeof promotionEvents, data: object) =>
    recorded(type, promotionEvents[type].parse({ promotionId, ...data }), {
      stream: promotionStream(promotionId),
      tenantId: programId,
    });
  const created = (promotionId: string) =>
    onPromotion(promotionId, 'PromotionCreated', {
      programId,
      fields: promotionFields(5000),
      status: 'enabled',
      createdAt: T0,
    });
  const issued = (promotionId: string, ...digests: string[]) =>
    onPromotion(promotionId, 'PromotionTokensIssued', {
      tokens: digests.map((digest) => ({ digest, hint: digest.slice(-4) })),
      issuedAt: T0,
    });
  const onToken = (promotionId: string, digest: string, type: keyof typeof tokenEvents, data: object) =>
    recorded(type, tokenEvents[type].parse({ promotionId, tokenDigest: digest, ...data }), {
      stream: tokenStream(`${promotionId}:${digest}`),
      tenantId: programId,
    });
  const reserved = (promotionId: string, orderId: string) =>
    onPromotion(promotionId, 'PromotionBudgetReserved', { orderId, amount: 1000, sku: 'GIFT' });
  const onOrder = (orderId: string, type: keyof typeof orderEvents, data: object) =>
    recorded(type, orderEvents[type].parse({ orderId, ...data }), {
      stream: orderStream(orderId),
      tenantId: programId,
    });
  const placed = (orderId: string, promotionId: string, deliveryMethod: 'none' | 'link' = 'none') =>
    onOrder(
      orderId,
      'OrderPlaced',
      placedData({ orderId, programId, promotionId, clientOrderId: orderId, deliveryMethod }),
    );

  it('PromotionTokensIssued lists the tokens available, by digest and last 4 characters', async () => {
    const id = randomUUID();
    await apply(created(id), issued(id, 'digest-aaaa', 'digest-bbbb'));
    expect(await tokens(id)).toMatchObject([
      { digest: 'digest-aaaa', hint: 'aaaa', status: 'available' },
      { digest: 'digest-bbbb', hint: 'bbbb', status: 'available' },
    ]);
  });

  it('PromotionTokenRedeemed and PromotionTokenRevoked set the token’s status', async () => {
    const id = randomUUID();
    const redemption = { orderId: randomUUID(), redemptionId: randomUUID(), redeemedAt: LATER };
    await apply(
      created(id),
      issued(id, 'digest-aaaa', 'digest-bbbb'),
      onToken(id, 'digest-aaaa', 'PromotionTokenRedeemed', redemption),
      onToken(id, 'digest-bbbb', 'PromotionTokenRevoked', { revokedAt: LATER }),
    );
    expect((await tokens(id)).map((t: { status: string }) => t.status)).toEqual(['redeemed', 'revoked']);
  });

  it('PromotionUsersAllowed adds user ids to the allow-list, PromotionUserDisallowed takes one off', async () => {
    const id = randomUUID();
    await apply(created(id), onPromotion(id, 'PromotionUsersAllowed', { userIds: ['u1', 'u2'], allowedAt: T0 }));
    expect((await users(id)).sort()).toEqual(['u1', 'u2']);
    await apply(onPromotion(id, 'PromotionUserDisallowed', { userId: 'u1', disallowedAt: LATER }));
    expect(await users(id)).toEqual(['u2']);
  });

  it('OrderRedeemed records the redemption and moves a pending link order to processing', async () => {
    const promotionId = randomUUID();
    const orderId = randomUUID();
    const redemptionId = randomUUID();
    await apply(
      created(promotionId),
      placed(orderId, promotionId, 'link'),
      onOrder(orderId, 'OrderRedeemed', {
        redemptionId,
        userId: 'u1',
        authenticationSystem: 'token',
        tokenDigest: 'digest-aaaa',
        tokenHint: 'aaaa',
        redeemedAt: LATER,
      }),
    );
    expect(await orderRow(orderId)).toMatchObject({ status: 'processing' });
    expect(await infra.knex('rm_fulfillment_redemptions').where({ id: redemptionId }).first()).toMatchObject({
      order_uuid: orderId,
      user_id: 'u1',
      authentication_system: 'token',
      token_hint: 'aaaa',
    });
  });

  it('PromotionBudgetReserved keeps a reservation row until its order is written; a release drops it', async () => {
    const promotionId = randomUUID();
    const [written, orphan] = [randomUUID(), randomUUID()];
    await apply(created(promotionId), reserved(promotionId, written), reserved(promotionId, orphan));
    expect(await reservation(orphan)).toMatchObject({ promotion_id: promotionId, program_id: programId, sku: 'GIFT' });
    await apply(placed(written, promotionId));
    expect(await reservation(written)).toBeUndefined();
    await apply(onPromotion(promotionId, 'PromotionBudgetReleased', { orderId: orphan, amount: 1000 }));
    expect(await reservation(orphan)).toBeUndefined();
    expect(await promotionRow(promotionId)).toMatchObject({ budget_reserved: '1000' });
  });

  it('a page applied in runs gives the rows of one event at a time, and a replay of it changes nothing', async () => {
    const promotionId = randomUUID();
    const [delivered, failed, link] = [randomUUID(), randomUUID(), randomUUID()];
    await applyPage(
      created(promotionId),
      reserved(promotionId, delivered),
      placed(delivered, promotionId),
      onOrder(delivered, 'OrderCodeIssued', { codesSealed: 'v1.sealed', issuedAt: LATER }),
      onOrder(delivered, 'OrderDelivered', { deliveredAt: LATER }),
      reserved(promotionId, failed),
      placed(failed, promotionId),
      onOrder(failed, 'OrderFailed', { reason: 'no', failedAt: LATER }),
      reserved(promotionId, link),
      onPromotion(promotionId, 'PromotionUpdated', { changes: { name: 'Renamed' }, updatedAt: LATER }),
      placed(link, promotionId, 'link'),
      onOrder(link, 'OrderCanceled', { canceledAt: LATER }),
    );
    expect(await orderRow(delivered)).toMatchObject({ status: 'delivered', codes_sealed: 'v1.sealed', spent: true });
    expect(await orderRow(failed)).toMatchObject({ status: 'failed', failure_reason: 'no', spent: false });
    expect(await orderRow(link)).toMatchObject({ status: 'canceled' });
    expect(await promotionRow(promotionId)).toMatchObject({
      name: 'Renamed',
      budget_reserved: '2000',
      budget_spent: '1000',
    });
    for (const id of [delivered, failed, link]) expect(await reservation(id)).toBeUndefined();
  });
});
