import type { PlacedOrder } from '../../domain/fulfillment/orders/order.js';
import { decidePlacements, type Placement, type PlacementDecision } from '../../domain/fulfillment/orders/placement.js';
import type { DomainEvent } from '../../domain/shared/decider.js';
import { appendAtomically } from '../../platform/eventstore/index.js';
import {
  WrongExpectedRevisionError,
  type AtomicAppendResult,
  type EventStore,
  type Position,
  type StreamWrite,
} from '../../platform/eventstore/types.js';
import type { CommandContext } from '../shared/command.js';
import { newEvent } from './batched.js';
import { loadPlacementStates, rememberPlacements, type PlacementVersions } from './placement-states.js';
import { orderStream, promotionStream, rewardStream } from './streams.js';

/** How a new order came out of its write: placed, or its order_id taken meanwhile (the caller replays it). */
export type Placed =
  | {
      readonly placed: true;
      /** The order's events. */
      readonly events: readonly DomainEvent[];
      readonly state: PlacedOrder;
      readonly version: bigint;
      readonly position: Position | undefined;
    }
  | { readonly placed: false };

/** The order's gate said no: another path answers the request (a replay of an order the read model shows). */
export class PlacementSkipped extends Error {
  override readonly name = 'PlacementSkipped';
}

interface Waiting {
  readonly placement: Placement;
  readonly context: CommandContext;
  /** Whether to place the order at all: undefined while its gate is unresolved (it waits out of the batches). */
  open: boolean | undefined;
  opened: Promise<unknown>;
  readonly resolve: (placed: Placed) => void;
  readonly reject: (error: unknown) => void;
}

type Decided = Waiting & { readonly decision: PlacementDecision };

/** Reservations race on the promotion's and the rewards' streams: a loser decides again, many times if need be. */
const MAX_ATTEMPTS = 400;
/** Orders written together at most. */
const MAX_BATCH = 64;

const queuesByStore = new WeakMap<EventStore, Map<string, Waiting[]>>();

/** The one write of a batch: the promotion's budget, the rewards' units (or checks), then each order's stream. */
function writesOf(promotionId: string, decided: readonly Decided[], versions: PlacementVersions): StreamWrite[] {
  const placed = decided.filter((d) => d.decision.placed);
  const events = (pick: (d: Extract<PlacementDecision, { placed: true }>) => readonly DomainEvent[], d: Decided) =>
    // Not seeded by an Idempotency-Key: a retried request finds its order by order_id, and its reservations are
    // keyed by the order, so nothing it wrote is written twice.
    d.decision.placed ? pick(d.decision).map((e) => newEvent(e, d.context)) : [];
  const writes: StreamWrite[] = [];
  const promotion = placed.flatMap((d) => events((p) => p.promotion, d));
  if (promotion.length > 0)
    writes.push({
      stream: promotionStream(promotionId),
      events: promotion,
      expectedRevision: versions.promotion ?? 'no_stream',
    });
  // A reward's units at its expected revision; a reward that holds no unit is checked there without being written to
  // (a status changed by another process fails the write, which is then decided again on what the store holds).
  for (const sku of new Set(placed.map((d) => d.placement.data.sku))) {
    const units = placed.filter((d) => d.placement.data.sku === sku).flatMap((d) => events((p) => p.reward, d));
    writes.push({
      stream: rewardStream(sku),
      events: units,
      expectedRevision: versions.rewards.get(sku) ?? 'no_stream',
    });
  }
  for (const d of placed)
    writes.push({
      stream: orderStream(d.placement.data.orderId),
      events: events((p) => p.order, d),
      expectedRevision: 'no_stream',
    });
  return writes;
}

function settle(decided: readonly Decided[], position: Position | undefined): void {
  for (const d of decided) {
    if (!d.decision.placed) d.reject(d.decision.error);
    else {
      const version = BigInt(d.decision.order.length - 1);
      d.resolve({ placed: true, events: d.decision.order, state: d.decision.state, version, position });
    }
  }
}

/**
 * Decides the batch on the states this process last saw (each write's expected revision proves them current) and
 * writes it all or nothing. A refusal seen on remembered states is decided again on what the store holds; a
 * promotion or reward written meanwhile by another process is read again and the whole batch decided again; an
 * order stream that exists already (the same order_id placed by another request) leaves the batch as `placed: false`.
 */
async function write(store: EventStore, promotionId: string, batch: Waiting[]): Promise<void> {
  let pending = batch;
  let fresh = false;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const skus = pending.map((w) => w.placement.data.sku);
    const loaded = await loadPlacementStates(store, promotionId, skus, fresh);
    const { decisions, after } = decidePlacements(
      loaded.states,
      pending.map((w) => w.placement),
    );
    if (!fresh && decisions.some((d) => !d.placed)) {
      fresh = true;
      continue;
    }
    const decided = pending.map((w, i): Decided => ({ ...w, decision: decisions[i]! }));
    const writes = writesOf(promotionId, decided, loaded.versions);
    let landed: AtomicAppendResult | undefined;
    try {
      if (writes.length > 0) landed = await appendAtomically(store, writes);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      const taken = pending.find((w) => orderStream(w.placement.data.orderId) === error.stream);
      if (taken) {
        taken.resolve({ placed: false });
        pending = pending.filter((w) => w !== taken);
      } else {
        fresh = true;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * Math.min(attempt, 25)));
      }
      continue;
    }
    rememberPlacements(store, promotionId, decided, after, loaded.versions);
    settle(decided, landed?.position);
    return;
  }
}

/** The next write's orders: those whose gate is open, one per order_id (a second request for one waits for the next
 * write, which finds it taken); the others stay queued in order. */
function nextBatch(queue: Waiting[], max: number): Waiting[] {
  const seen = new Set<string>();
  const batch: Waiting[] = [];
  const later: Waiting[] = [];
  for (const waiting of queue.splice(0)) {
    const { orderId } = waiting.placement.data;
    if (waiting.open === false) continue;
    if (waiting.open && batch.length < max && !seen.has(orderId)) {
      seen.add(orderId);
      batch.push(waiting);
    } else later.push(waiting);
  }
  queue.push(...later);
  return batch;
}

async function drain(store: EventStore, promotionId: string, queue: Waiting[], queues: Map<string, Waiting[]>) {
  while (queue.length > 0) {
    // A store that writes stream by stream (not atomic) takes one order at a time: an order_id found taken part way
    // would leave the orders written before it to be answered as replays.
    const batch = nextBatch(queue, store.appendAtomically ? MAX_BATCH : 1);
    // Only orders still waiting for their gate: the write starts with the first one opened.
    if (batch.length === 0) {
      if (queue.length > 0) await Promise.race(queue.map((w) => w.opened));
      continue;
    }
    try {
      await write(store, promotionId, batch);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
  queues.delete(promotionId);
}

/**
 * Places a new order of a promotion (group commit): the orders that arrive while a write is under way wait, then
 * are decided one after another (budget, stock, order) and written in one atomic write: one round of the store for
 * many orders, and no reservation without its order. Each gets its own answer: placed, refused, or taken already.
 */
export function placeNewOrder(
  store: EventStore,
  placement: Placement,
  context: CommandContext,
  gate?: Promise<boolean>,
): Promise<Placed> {
  let queues = queuesByStore.get(store);
  if (!queues) queuesByStore.set(store, (queues = new Map<string, Waiting[]>()));
  const { promotionId } = placement.data;
  return new Promise((resolve, reject) => {
    const waiting: Waiting = {
      placement,
      context,
      open: gate ? undefined : true,
      opened: Promise.resolve(),
      resolve,
      reject,
    };
    const close = () => {
      waiting.open = false;
      reject(new PlacementSkipped());
    };
    if (gate) waiting.opened = gate.then((open) => (open ? (waiting.open = true) : close()), close);
    const queue = queues.get(promotionId);
    if (queue) return void queue.push(waiting);
    const started = [waiting];
    queues.set(promotionId, started);
    void drain(store, promotionId, started, queues);
  });
}
