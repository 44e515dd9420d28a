import { orderEvents } from '../../domain/fulfillment/orders/events.js';
import { orderDecider } from '../../domain/fulfillment/orders/order.js';
import { holdsUnits, type PlacementDecision, type PlacementStates } from '../../domain/fulfillment/orders/placement.js';
import { promotionEvents } from '../../domain/fulfillment/promotions/events.js';
import { promotionDecider } from '../../domain/fulfillment/promotions/promotion.js';
import { rewardEvents } from '../../domain/fulfillment/rewards/events.js';
import { rewardDecider, type RewardState } from '../../domain/fulfillment/rewards/reward.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { cachedStreamStates, type StreamStates } from '../shared/stream-states.js';
import { orderStream, promotionStream, rewardStream } from './streams.js';

/** The revisions the states were folded at (undefined: no such stream): each write's expected revision. */
export interface PlacementVersions {
  readonly promotion: bigint | undefined;
  readonly rewards: ReadonlyMap<string, bigint | undefined>;
}

const caches = (store: EventStore) => ({
  promotions: cachedStreamStates(store, promotionDecider, promotionEvents),
  rewards: cachedStreamStates(store, rewardDecider, rewardEvents),
  orders: cachedStreamStates(store, orderDecider, orderEvents),
});

/** What this process last saw of the stream, or (`fresh`, or never seen) what the store holds now. */
const current = async <State>(cache: StreamStates<State>, stream: string, fresh: boolean) =>
  (fresh ? undefined : cache.remembered(stream)) ?? (await cache.load(stream));

/** A reward that holds no unit is read again when its last read is older than this: before the order is decided… */
const REWARD_STALE_MS = 1_000;
/**
 * …and, in the background, while orders come, when it is older than this. Only the name and value an order copies
 * depend on it: each write checks the reward at its revision, so a change made elsewhere fails the write and is read.
 */
const REWARD_REFRESH_MS = 500;
const rewardReads = new WeakMap<EventStore, Map<string, number>>();

/**
 * A reward's state: what this process last saw, which the order's write checks at its revision (a reward that holds
 * units is written to, one that holds none is only checked). One that holds no unit is also read again before an
 * order is decided when this process last read it over REWARD_STALE_MS ago, else in the background while orders come:
 * the order's name and value come from it. A change made through this process is seen at once.
 */
export async function currentReward(store: EventStore, sku: string, fresh = false) {
  const cache = caches(store).rewards;
  const stream = rewardStream(sku);
  let reads = rewardReads.get(store);
  if (!reads) rewardReads.set(store, (reads = new Map<string, number>()));
  const known = fresh ? undefined : cache.remembered(stream);
  if (known && holdsUnits(known.state)) return known;
  const age = performance.now() - (reads.get(sku) ?? -Infinity);
  if (known && age < REWARD_STALE_MS) {
    if (age > REWARD_REFRESH_MS) {
      reads.set(sku, performance.now());
      cache.load(stream).catch(() => reads.delete(sku));
    }
    return known;
  }
  reads.set(sku, performance.now());
  return cache.load(stream);
}

/**
 * The promotion's and its rewards' states and revisions, to decide a batch of new orders on: what this process last
 * saw unless `fresh` (each write expects their revisions), a reward that holds no unit as currentReward says.
 */
export async function loadPlacementStates(
  store: EventStore,
  promotionId: string,
  skus: readonly string[],
  fresh: boolean,
): Promise<{ readonly states: PlacementStates; readonly versions: PlacementVersions }> {
  const promotion = await current(caches(store).promotions, promotionStream(promotionId), fresh);
  const rewardStates = new Map<string, RewardState>();
  const rewardVersions = new Map<string, bigint | undefined>();
  for (const sku of new Set(skus)) {
    const reward = await currentReward(store, sku, fresh);
    rewardStates.set(sku, reward.state);
    rewardVersions.set(sku, reward.version);
  }
  return {
    states: { promotion: promotion.state, rewards: rewardStates },
    versions: { promotion: promotion.version, rewards: rewardVersions },
  };
}

const movedOn = (version: bigint | undefined, appended: number): bigint | undefined =>
  appended === 0 ? version : (version ?? -1n) + BigInt(appended);

/** After the batch's write: the states it left, at the revisions it wrote, so the next batch reads nothing. */
export function rememberPlacements(
  store: EventStore,
  promotionId: string,
  decided: ReadonlyArray<{ readonly decision: PlacementDecision }>,
  after: PlacementStates,
  versions: PlacementVersions,
): void {
  const { promotions, rewards, orders } = caches(store);
  const placed = decided.flatMap((d) => (d.decision.placed ? [d.decision] : []));
  const budget = placed.reduce((n, p) => n + p.promotion.length, 0);
  promotions.saw(promotionStream(promotionId), after.promotion, movedOn(versions.promotion, budget));
  for (const [sku, state] of after.rewards) {
    const units = placed.filter((p) => p.state.order.sku === sku).reduce((n, p) => n + p.reward.length, 0);
    rewards.saw(rewardStream(sku), state, movedOn(versions.rewards.get(sku), units));
  }
  for (const p of placed) orders.saw(orderStream(p.state.order.orderId), p.state, BigInt(p.order.length - 1));
}
