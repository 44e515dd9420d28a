import type { Knex } from 'knex';
import { rewardEvents, type RewardEvent } from '../../../domain/hub/rewards/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';

export const HUB_REWARDS_PROJECTION = 'hub-rewards';
export const REWARDS = 'rm_hub_rewards';

type Started = Extract<RewardEvent, { type: 'RewardStarted' }>['data'];
type Later = Exclude<RewardEvent, { type: 'RewardStarted' }>;

const startedRow = (d: Started) => ({
  id: d.rewardId,
  hub_id: d.hubId,
  program_id: d.programId,
  customer_id: d.customerId,
  offer_id: d.offerId,
  occurrence: d.occurrence,
  status: 'started',
  value: d.value,
  target: d.target,
  started_at: d.startedAt,
  updated_at: d.startedAt,
});

/** The columns an event after the start sets: each to a value, never by an increment, so the last one set wins. */
function changesOf(e: Later): Record<string, unknown> {
  switch (e.type) {
    case 'RewardProgressed':
      return { status: 'pending', value: e.data.value, target: e.data.target, updated_at: e.data.progressedAt };
    case 'RewardCompleted':
      return {
        status: 'completed',
        reward_value: e.data.rewardValue,
        settlement: e.data.settlement,
        updated_at: e.data.completedAt,
      };
    case 'RewardRefunded':
      return { status: 'refunded', cashback_id: e.data.cashbackId, updated_at: e.data.refundedAt };
  }
}

const later =
  <T extends Later['type']>(type: T) =>
  (trx: Knex.Transaction, d: Extract<Later, { type: T }>['data'], event: RecordedEvent) =>
    changeRow(trx, REWARDS, d.rewardId, event, changesOf({ type, data: d } as Later));

const handlers: EventHandlers<RewardEvent> = {
  RewardStarted: (trx, d, event) => insertOnce(trx, REWARDS, 'id', event, startedRow(d)),
  RewardProgressed: later('RewardProgressed'),
  RewardCompleted: later('RewardCompleted'),
  RewardRefunded: later('RewardRefunded'),
};

const CHANGED = ['status', 'value', 'target', 'reward_value', 'settlement', 'cashback_id', 'updated_at'];

/**
 * A page in two statements: the rewards it starts, each row folded from its events of the page, in one INSERT (a row
 * there already takes them only if it is behind, as one by one it would); and the rows it moves on, each with the
 * columns its events set, the last one winning, in one UPDATE of the rows behind the page's last revision.
 */
async function applyBatch(trx: Knex.Transaction, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new Map<string, { fresh: boolean; row: Record<string, unknown> }>();
  for (const event of events) {
    const parsed = parseEvent(rewardEvents, event.type, event.data);
    if (!parsed) continue;
    const version = event.revision.toString();
    const { rewardId } = parsed.data;
    if (parsed.type === 'RewardStarted') rows.set(rewardId, { fresh: true, row: startedRow(parsed.data) });
    else if (!rows.has(rewardId)) rows.set(rewardId, { fresh: false, row: { id: rewardId } });
    Object.assign(rows.get(rewardId)!.row, parsed.type === 'RewardStarted' ? {} : changesOf(parsed), { version });
  }
  const all = [...rows.values()];
  const fresh = all.filter((r) => r.fresh).map((r) => r.row);
  const moved = all.filter((r) => !r.fresh).map((r) => r.row);
  if (fresh.length > 0)
    await trx.raw(
      `insert into ${REWARDS} select * from jsonb_populate_recordset(null::${REWARDS}, ?::jsonb)
       on conflict (id) do update set ${[...CHANGED, 'version'].map((c) => `${c} = excluded.${c}`).join(', ')}
       where ${REWARDS}.version < excluded.version`,
      [JSON.stringify(fresh)],
    );
  if (moved.length > 0)
    await trx.raw(
      `update ${REWARDS} t set ${CHANGED.map((c) => `${c} = coalesce(v.${c}, t.${c})`).join(', ')}, version = v.version
       from jsonb_populate_recordset(null::${REWARDS}, ?::jsonb) v
       where t.id = v.id and t.version < v.version`,
      [JSON.stringify(moved)],
    );
}

/** Each customer's rewards: started, pending (a later purchase), completed, refunded (flow 3.3). */
export const rewardsProjection: Projection = {
  name: HUB_REWARDS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [REWARDS],
  apply: applyByType(rewardEvents, handlers),
  applyBatch,
};
