import type { Knex } from 'knex';
import type { CashbackStatus } from '../../../domain/hub/cashbacks/rules.js';
import type { Position } from '../../../platform/eventstore/position.js';
import { START } from '../../../platform/eventstore/position.js';
import { pageOf } from '../../shared/rows.js';

export interface CashbackView {
  readonly id: string;
  readonly hubId: string;
  readonly customerId: string;
  readonly customerExternalId: string | null;
  readonly externalId: string | null;
  readonly origin: 'program' | 'reward';
  readonly rewardId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly label: string;
  /** As REST shows it (ambiguity 11). */
  readonly status: CashbackStatus;
  readonly held: boolean;
  readonly transferId: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

type Row = Record<string, unknown> & { updated_at: Date; version: string; amount: string };

const STATUS: Record<string, CashbackStatus> = {
  requested: 'PENDING',
  submitted: 'PENDING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  received: 'RECEIVED',
  rejected: 'REJECTED',
};

const view = (r: Row, status?: string): CashbackView => ({
  id: r.id as string,
  hubId: r.hub_id as string,
  customerId: r.customer_id as string,
  customerExternalId: r.customer_external_id as string | null,
  externalId: r.external_id as string | null,
  origin: r.origin as CashbackView['origin'],
  rewardId: r.reward_id as string | null,
  amount: Number(r.amount),
  currency: r.currency as string,
  label: r.label as string,
  status: (status as CashbackStatus | undefined) ?? STATUS[r.state as string] ?? 'PENDING',
  held: r.held as boolean,
  transferId: r.transfer_id as string | null,
  updatedAt: r.updated_at.toISOString(),
  version: Number(r.version),
});

const CASHBACKS = 'rm_hub_cashbacks';
type Page = { offset: number; limit: number };

/** A cashback of this hub (another hub's is none). */
export async function cashbackOfHub(knex: Knex, hubId: string, id: string): Promise<CashbackView | undefined> {
  const row = (await knex(CASHBACKS).where({ hub_id: hubId, id }).first()) as Row | undefined;
  return row && view(row);
}

/** The customer's cashbacks, newest first. */
export async function customerCashbacks(knex: Knex, customerId: string, page: Page) {
  const newestFirst = [
    { column: 'requested_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ];
  const { rows, total } = await pageOf<Row>(knex(CASHBACKS).where({ customer_id: customerId }), newestFirst, page);
  return { rows: rows.map((r) => view(r)), total };
}

/** getPushedCashbacks: each cashbacks_updated sent in [start, end), with the status it sent, oldest first. */
export async function pushedCashbacks(knex: Knex, hubId: string, start: string, end: string, page: Page) {
  const base = knex('rm_hub_cashback_pushes as p')
    .join(`${CASHBACKS} as c`, 'c.id', 'p.cashback_id')
    .where('p.hub_id', hubId)
    .where('p.pushed_at', '>=', start)
    .where('p.pushed_at', '<', end);
  const { rows, total } = await pageOf<Row & { pushed_status: string; pushed_at: Date }>(
    base.select('c.*', 'p.status as pushed_status', 'p.pushed_at'),
    [{ column: 'p.pushed_at' }, { column: 'p.event_id' }],
    page,
  );
  return { rows: rows.map((r) => ({ ...view(r, r.pushed_status), updatedAt: r.pushed_at.toISOString() })), total };
}

const due = (knex: Knex, now: Date, stuckMs: number) =>
  knex(CASHBACKS).where((w) => {
    void w
      .where('state', 'requested')
      .orWhere((f) => {
        void f.where('state', 'failed').whereNotNull('retry_at').where('retry_at', '<=', now);
      })
      .orWhere((s) => {
        void s.where('state', 'submitted').where('submitted_at', '<=', new Date(now.getTime() - stuckMs));
      });
  });

type Ids = Array<{ id: string }>;
const ids = (rows: Ids) => rows.map((r) => r.id);

/** What cashbackSubmit sends (held ones included: they go on once an account is there), oldest first. */
export async function cashbacksToSubmit(knex: Knex, hubId: string, now: Date, stuckMs: number): Promise<string[]> {
  return ids(await due(knex, now, stuckMs).where({ hub_id: hubId }).orderBy('requested_at').select<Ids>('id'));
}

export async function hubsWithCashbacksToSubmit(knex: Knex, now: Date, stuckMs: number): Promise<string[]> {
  const rows = await due(knex, now, stuckMs).distinct<Array<{ hub_id: string }>>('hub_id');
  return rows.map((r) => r.hub_id);
}

/** Accepted transfers cashbackSettle asks about. */
export async function cashbacksToSettle(knex: Knex, hubId: string): Promise<string[]> {
  return ids(
    await knex(CASHBACKS).where({ hub_id: hubId, state: 'succeeded' }).orderBy('requested_at').select<Ids>('id'),
  );
}

export async function hubsWithCashbacksToSettle(knex: Knex): Promise<string[]> {
  const rows = await knex(CASHBACKS).where({ state: 'succeeded' }).distinct<Array<{ hub_id: string }>>('hub_id');
  return rows.map((r) => r.hub_id);
}

const idsOf = async (q: Knex.QueryBuilder) => ids(await q.select<Ids>('id'));

/** Flow 1.8: the customer's cashbacks not with the provider. */
export const unsubmittedCashbacks = (knex: Knex, customerId: string) =>
  idsOf(knex(CASHBACKS).where({ customer_id: customerId }).whereIn('state', ['requested', 'failed']));

export const heldCashbacks = (knex: Knex, customerId: string) =>
  idsOf(knex(CASHBACKS).where({ customer_id: customerId, state: 'requested', held: true }));

/** getCustomerFavoriteAccount's `cashbackFallbackNeeded`: a cashback of the customer waits for an account. */
export async function cashbackFallbackNeeded(knex: Knex, customerId: string): Promise<boolean> {
  return (await heldCashbacks(knex, customerId)).length > 0;
}

const PROCESS = 'hub_cashback_process';

/** The cashback process's place in the log: it only moves forward (two processes may save it). */
export function processCheckpoint(knex: Knex, name: string) {
  return {
    async read(): Promise<Position> {
      const row = (await knex(PROCESS).where({ name }).first()) as
        { commit_position: string; prepare_position: string } | undefined;
      return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;
    },
    async save(position: Position): Promise<void> {
      const commit = position.commit.toString();
      const prepare = position.prepare.toString();
      await knex.raw(
        `insert into ${PROCESS} (name, commit_position, prepare_position) values (?, ?, ?)
         on conflict (name) do update set commit_position = excluded.commit_position,
           prepare_position = excluded.prepare_position
         where (${PROCESS}.commit_position, ${PROCESS}.prepare_position) < (excluded.commit_position, excluded.prepare_position)`,
        [name, commit, prepare],
      );
    },
  };
}
