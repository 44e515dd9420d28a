import type { Knex } from 'knex';
import { pageOf } from '../../shared/rows.js';
import type { HubSettings, OperatorSettings, Optin, RegistrationType } from '../../../domain/hub/hubs/events.js';

export interface HubView {
  readonly id: string;
  readonly programId: string;
  readonly settings: HubSettings;
  readonly operator: Partial<OperatorSettings>;
  readonly optins: Partial<Record<RegistrationType, Optin[]>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

interface Row {
  id: string;
  program_id: string;
  settings: HubSettings;
  operator: Partial<OperatorSettings>;
  optins: Partial<Record<RegistrationType, Optin[]>>;
  created_at: Date;
  updated_at: Date;
  version: string;
}

const view = (row: Row): HubView => ({
  id: row.id,
  programId: row.program_id,
  settings: row.settings,
  operator: row.operator,
  optins: row.optins,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  version: Number(row.version),
});

const COLUMNS = ['id', 'program_id', 'settings', 'operator', 'optins', 'created_at', 'updated_at', 'version'];

async function findBy(knex: Knex, where: Record<string, string>): Promise<HubView | undefined> {
  const row = (await knex('rm_hub_hubs').select(COLUMNS).where(where).first()) as Row | undefined;
  return row && view(row);
}

/** The program's hub, if it runs one. */
export const findHubOfProgram = (knex: Knex, programId: string) => findBy(knex, { program_id: programId });

export const findHub = (knex: Knex, hubId: string) => findBy(knex, { id: hubId });

/**
 * Whether the customer is there (not deleted) and, in the same round trip, its program's hub: what every customer
 * route checks first and most then need.
 */
export async function findLiveCustomerHub(
  knex: Knex,
  customerId: string,
  programId: string,
): Promise<{ hub: HubView | undefined } | undefined> {
  type Joined = Omit<Row, 'id'> & { id: string | null };
  const row = await knex('rm_hub_customers as c')
    .leftJoin('rm_hub_hubs as h', 'h.program_id', knex.raw('?', [programId]))
    .where('c.id', customerId)
    .whereNull('c.deleted_at')
    .first<Joined | undefined>(COLUMNS.map((column) => `h.${column}`));
  if (!row) return undefined;
  return { hub: row.id === null ? undefined : view(row as Row) };
}

/** By the public host (unique on the platform, lower-cased). */
export const findHubByHost = (knex: Knex, host: string) => findBy(knex, { host: host.trim().toLowerCase() });

/** The operators' list, filtered by name and program name (case-insensitive parts), oldest first. */
export async function listHubs(
  knex: Knex,
  filters: { name?: string | undefined; programName?: string | undefined },
  page: { offset: number; limit: number },
): Promise<{ rows: HubView[]; total: number }> {
  const escape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const base = knex('rm_hub_hubs').modify((q) => {
    if (filters.name) q.whereILike('name', escape(filters.name));
    if (filters.programName) q.whereILike('program_name', escape(filters.programName));
  });
  const { rows, total } = await pageOf<Row>(base.select(COLUMNS), [{ column: 'created_at' }, { column: 'id' }], page);
  return { rows: rows.map(view), total };
}
