import type { Knex } from 'knex';
import type { AuthModel, CardType } from '../../../domain/hub/banks/events.js';

export interface BankView {
  readonly id: string;
  readonly name: string;
  readonly cardType: CardType;
  readonly providerCode: string;
  readonly country: string;
  readonly authModels: AuthModel[];
  readonly active: boolean;
  readonly version: number;
}

interface BankRow {
  id: string;
  name: string;
  card_type: CardType;
  provider_code: string;
  country: string;
  auth_models: AuthModel[];
  active: boolean;
  version: string;
}

const COLUMNS = [
  'b.id',
  'b.name',
  'b.card_type',
  'b.provider_code',
  'b.country',
  'b.auth_models',
  'b.active',
  'b.version',
];

const view = (r: BankRow): BankView => ({
  id: r.id,
  name: r.name,
  cardType: r.card_type,
  providerCode: r.provider_code,
  country: r.country,
  authModels: r.auth_models,
  active: r.active,
  version: Number(r.version),
});

/** The catalogue, by name (operators). */
export async function listBanks(
  knex: Knex,
  page: { offset: number; limit: number },
): Promise<{ rows: BankView[]; total: number }> {
  const [rows, count] = await Promise.all([
    knex('rm_hub_banks as b')
      .select(COLUMNS)
      .orderBy([{ column: 'b.name' }, { column: 'b.id' }])
      .offset(page.offset)
      .limit(page.limit),
    knex('rm_hub_banks').count<{ count: string }[]>({ count: '*' }),
  ]);
  return { rows: (rows as unknown as BankRow[]).map(view), total: Number(count[0]?.count ?? 0) };
}

export async function findBank(knex: Knex, bankId: string): Promise<BankView | undefined> {
  const row = (await knex('rm_hub_banks as b').select(COLUMNS).where('b.id', bankId).first()) as BankRow | undefined;
  return row && view(row);
}

/** The banks a hub holds, by name; `cardType` narrows them. Inactive ones stay, with `active: false` (decision 46). */
export async function listHubBanks(knex: Knex, hubId: string, cardType?: CardType): Promise<BankView[]> {
  const query = knex('rm_hub_banks as b')
    .join('rm_hub_hub_banks as h', 'h.bank_id', 'b.id')
    .where({ 'h.hub_id': hubId, 'h.associated': true })
    .select(COLUMNS)
    .orderBy([{ column: 'b.name' }, { column: 'b.id' }]);
  if (cardType !== undefined) void query.where('b.card_type', cardType);
  return ((await query) as BankRow[]).map(view);
}

export async function findHubBank(knex: Knex, hubId: string, bankId: string): Promise<BankView | undefined> {
  const row = (await knex('rm_hub_banks as b')
    .join('rm_hub_hub_banks as h', 'h.bank_id', 'b.id')
    .where({ 'h.hub_id': hubId, 'h.associated': true, 'b.id': bankId })
    .select(COLUMNS)
    .first()) as BankRow | undefined;
  return row && view(row);
}

/** The hubs holding a bank now, with their programs: those told when its status changes (flow 7.2). */
export async function hubsHoldingBank(knex: Knex, bankId: string): Promise<{ hubId: string; programId: string }[]> {
  const rows = await knex
    .select<{ hub_id: string; program_id: string }[]>('hub_id', 'program_id')
    .from('rm_hub_hub_banks')
    .where({ bank_id: bankId, associated: true })
    .orderBy('hub_id');
  return rows.map((r) => ({ hubId: r.hub_id, programId: r.program_id }));
}
