import type { Knex } from 'knex';
import { isUuid } from '../../platform/uuid.js';
import { dated, type Dated, type DatedColumns } from '../shared/dated.js';
import { pageOf, type Page, type PageRequest } from '../shared/rows.js';

export interface SubscriptionRow extends Dated {
  readonly id: string;
  readonly programId: string;
  readonly name: string | null;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
  /** Sealed with the SecretBox: open it only to sign a delivery. */
  readonly secretCiphertext: string;
}

interface Row extends DatedColumns {
  id: string;
  program_id: string;
  name: string | null;
  url: string;
  events: string[];
  active: boolean;
  secret_ciphertext: string;
  deleted: boolean;
}

const toSubscription = (row: Row): SubscriptionRow => ({
  id: row.id,
  programId: row.program_id,
  name: row.name,
  url: row.url,
  events: row.events,
  active: row.active,
  secretCiphertext: row.secret_ciphertext,
  ...dated(row),
});

const live = (knex: Knex, programId: string) =>
  knex<Row>('rm_webhook_subscriptions').where({ program_id: programId, deleted: false });

/** Scoped by program: another program's subscription does not exist for this one. */
export async function findSubscription(
  knex: Knex,
  programId: string,
  id: string,
): Promise<SubscriptionRow | undefined> {
  if (!isUuid(id) || !isUuid(programId)) return undefined;
  const row = await live(knex, programId).andWhere({ id }).first();
  return row && toSubscription(row);
}

/** The program's subscriptions, oldest first, a page at a time, with the total. */
export async function listSubscriptions(
  knex: Knex,
  programId: string,
  page: PageRequest,
): Promise<Page<SubscriptionRow>> {
  if (!isUuid(programId)) return { rows: [], total: 0 };
  const { rows, total } = await pageOf<Row>(live(knex, programId), [{ column: 'created_at' }, { column: 'id' }], page);
  return { rows: rows.map(toSubscription), total };
}

export async function countSubscriptions(knex: Knex, programId: string): Promise<number> {
  if (!isUuid(programId)) return 0;
  const [counted] = await live(knex, programId).count<{ count: string }[]>({ count: '*' });
  return Number(counted?.count ?? 0);
}

/** Whether the program listens at all: a program with no active subscription needs no payload built for its events. */
export async function listensToWebhooks(knex: Knex, programId: string): Promise<boolean> {
  if (!isUuid(programId)) return false;
  return (await live(knex, programId).andWhere({ active: true }).first('id')) !== undefined;
}

/** Whether any of the programs listens: a page of events of programs none of which does is skipped whole. */
export async function anyListensToWebhooks(knex: Knex, programIds: readonly string[]): Promise<boolean> {
  const ids = programIds.filter(isUuid);
  if (ids.length === 0) return false;
  const row: unknown = await knex('rm_webhook_subscriptions')
    .whereIn('program_id', ids)
    .where({ deleted: false, active: true })
    .first('id');
  return row !== undefined;
}

/** The program's active subscriptions that asked for this event: where the dispatcher sends it. */
export async function activeSubscriptionsFor(
  knex: Knex,
  programId: string,
  eventName: string,
): Promise<SubscriptionRow[]> {
  if (!isUuid(programId)) return [];
  const rows = await live(knex, programId)
    .andWhere({ active: true })
    .andWhereRaw('events @> array[?]::text[]', [eventName])
    .orderBy('created_at');
  return rows.map(toSubscription);
}
