import type { OrderState } from '../../domain/fulfillment/orders/order.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { sha256Hex } from '../../platform/crypto.js';
import { loadOrder, orders, promotionReservations, stockReservations } from './aggregates.js';
import type { FulfillmentDeps } from './place-order.js';

/** Gives back the order's budget and unit (each release is keyed by the order: a second one changes nothing). */
export async function releaseReservations(
  deps: CommandDeps,
  order: { readonly orderId: string; readonly promotionId: string; readonly sku: string },
  context: CommandContext,
): Promise<void> {
  const { orderId } = order;
  await promotionReservations.handle(
    deps.store,
    order.promotionId,
    { type: 'ReleaseBudget', data: { orderId } },
    context,
  );
  await stockReservations.handle(deps.store, order.sku, { type: 'ReleaseStock', data: { orderId } }, context);
}

/** pending or failed → canceled, then the reservations are released. */
export async function cancelOrder(
  deps: CommandDeps,
  orderId: string,
  context: CommandContext,
): Promise<CommandResult<OrderState>> {
  const now = deps.clock.now().toISOString();
  const result = await orders.handle(
    orderId,
    { type: 'CancelOrder', data: { programId: context.tenantId, now } },
    { store: deps.store, context },
  );
  if (result.state.status === 'placed') await releaseReservations(deps, result.state.order, context);
  return result;
}

/** An email order mailed again, to `email` when the program corrects the address (sealed, found by its digest). */
export function resendOrder(
  deps: Pick<FulfillmentDeps, 'store' | 'clock' | 'box'>,
  orderId: string,
  email: string | null,
  context: CommandContext,
): Promise<CommandResult<OrderState>> {
  const data = {
    programId: context.tenantId,
    emailDigest: email === null ? null : sha256Hex(email.toLowerCase()),
    emailSealed: email === null ? null : deps.box.seal(email),
    now: deps.clock.now().toISOString(),
  };
  return orders.handle(orderId, { type: 'ResendOrder', data }, { store: deps.store, context });
}

/** A pending link order past its expiry → expired, then its reservations are released; anything else is left. */
export async function expireOrder(deps: CommandDeps, orderId: string, programId: string, now: Date) {
  const context: CommandContext = { tenantId: programId, actor: 'fulfillment-link-expiry' };
  const data = { now: now.toISOString() };
  const result = await orders.handle(orderId, { type: 'ExpireOrder', data }, { store: deps.store, context });
  if (result.events.length > 0 && result.state.status === 'placed')
    await releaseReservations(deps, result.state.order, context);
  return result.events.length > 0 ? 'expired' : 'left';
}

/**
 * A reservation whose order was never written (the request died between reserving and OrderPlaced): given back, once
 * the log confirms there is no order. Without a sku (reservations made before it was recorded) only the budget.
 */
export async function releaseOrphanReservation(
  deps: CommandDeps,
  reservation: { readonly orderId: string; readonly promotionId: string; readonly sku: string | null },
  programId: string,
): Promise<'released' | 'ordered'> {
  if ((await loadOrder(deps.store, reservation.orderId)).state.status === 'placed') return 'ordered';
  const context: CommandContext = { tenantId: programId, actor: 'fulfillment-reservation-reconciler' };
  if (reservation.sku !== null) {
    await releaseReservations(deps, { ...reservation, sku: reservation.sku }, context);
    return 'released';
  }
  const release = { type: 'ReleaseBudget', data: { orderId: reservation.orderId } } as const;
  await promotionReservations.handle(deps.store, reservation.promotionId, release, context);
  return 'released';
}
