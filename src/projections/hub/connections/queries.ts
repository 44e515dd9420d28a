import type { Knex } from 'knex';

export interface ConnectionView {
  readonly id: string;
  readonly hubId: string;
  readonly customerId: string;
  readonly bankId: string | null;
  readonly bankName: string | null;
  readonly type: 'bank' | 'card';
  readonly last4: string | null;
  readonly dataProviderType: string;
  readonly status: 'synchronized' | 'desynchronized';
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly transactionsEligibleFromDate: string;
  readonly consentExpiresAt: string | null;
  readonly createdAt: string;
  readonly version: number;
}

type Row = Record<string, unknown> & { eligible_from: Date; consent_expires_at: Date | null; created_at: Date };

const view = (r: Row): ConnectionView => ({
  id: r.id as string,
  hubId: r.hub_id as string,
  customerId: r.customer_id as string,
  bankId: r.bank_id as string | null,
  bankName: (r.bank_name as string | null) ?? null,
  type: r.type as ConnectionView['type'],
  last4: r.last4 as string | null,
  dataProviderType: r.data_provider_type as string,
  status: r.status as ConnectionView['status'],
  errorCode: r.error_code as string | null,
  errorMessage: r.error_message as string | null,
  transactionsEligibleFromDate: r.eligible_from.toISOString(),
  consentExpiresAt: r.consent_expires_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  version: Number(r.version),
});

const live = (knex: Knex, hubId: string, customerId: string) =>
  knex('rm_hub_connections as c')
    .leftJoin('rm_hub_banks as b', 'b.id', 'c.bank_id')
    .where({ 'c.hub_id': hubId, 'c.customer_id': customerId })
    .whereNull('c.deleted_at')
    .select('c.*', 'b.name as bank_name');

/** The customer's live connections, oldest first. */
export async function listConnections(knex: Knex, hubId: string, customerId: string): Promise<ConnectionView[]> {
  return ((await live(knex, hubId, customerId).orderBy([{ column: 'c.created_at' }, { column: 'c.id' }])) as Row[]).map(
    view,
  );
}

/** One live connection of the customer; another customer's is not found. */
export async function findConnection(
  knex: Knex,
  hubId: string,
  customerId: string,
  connectionId: string,
): Promise<ConnectionView | undefined> {
  const row = (await live(knex, hubId, customerId).where('c.id', connectionId).first()) as Row | undefined;
  return row && view(row);
}

/** One live connection of any customer of the hub (the program's routes); another hub's is not found. */
export async function findHubConnection(
  knex: Knex,
  hubId: string,
  connectionId: string,
): Promise<ConnectionView | undefined> {
  const row = await knex('rm_hub_connections as c')
    .leftJoin('rm_hub_banks as b', 'b.id', 'c.bank_id')
    .where({ 'c.hub_id': hubId, 'c.id': connectionId })
    .whereNull('c.deleted_at')
    .first<Row | undefined>('c.*', 'b.name as bank_name');
  return row && view(row);
}

/** Whether the customer ever had a connection, deleted ones included (ambiguity 22). */
export async function hadConnection(knex: Knex, hubId: string, customerId: string): Promise<boolean> {
  return (await knex('rm_hub_connections').where({ hub_id: hubId, customer_id: customerId }).first('id')) !== undefined;
}

/** Whether credentials with this digest were linked in the hub by anyone, deleted ones included (ambiguity 31). */
export async function digestUsed(knex: Knex, hubId: string, digest: string): Promise<boolean> {
  return (
    (await knex('rm_hub_connections').where({ hub_id: hubId, credentials_digest: digest }).first('id')) !== undefined
  );
}
