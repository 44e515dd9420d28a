import type { Knex } from 'knex';
import { findProgramRow, newestOfProgram, type Page, type PageRequest } from '../../shared/rows.js';
import { iso } from '../iso.js';
import type { CampaignView, ManagerView } from './views.js';

interface CampaignRow {
  id: string;
  program_id: string;
  title: string;
  description: string;
  slug: string;
  goal: string;
  currency: string;
  start_at: Date;
  end_at: Date | null;
  url: string;
  image: { url: string } | null;
  status: 'active' | 'archived';
  archived_at: Date | null;
  raised: string;
  number_of_donors: number;
  created_at: Date;
  updated_at: Date;
  version: string;
}

interface ManagerRow {
  campaign_id: string;
  program_id: string;
  user_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  picture: string | null;
  url: string;
}

/** The managers of some campaigns with what each gave, raised and manages: four queries, whatever the count. */
export async function managersOf(
  knex: Knex,
  programId: string,
  campaignIds: readonly string[],
): Promise<Map<string, ManagerView[]>> {
  const rows = await knex<ManagerRow>('rm_giving_campaign_managers')
    .where({ program_id: programId })
    .whereIn('campaign_id', campaignIds)
    .orderBy(['campaign_id', 'position']);
  const byCampaign = new Map<string, ManagerView[]>();
  if (rows.length === 0) return byCampaign;
  const userIds = [...new Set(rows.map((r) => r.user_id))];
  const emails = [...new Set(rows.map((r) => r.email))];
  const counted = () =>
    knex('rm_giving_donations').where({ program_id: programId, status: 'succeeded', refunded: false, deleted: false });
  // One after the other: the webhook dispatcher calls this inside its transaction, on one connection.
  const raised = await counted()
    .whereIn('user_id', userIds)
    .groupBy('user_id')
    .select<Array<{ user_id: string; total: string }>>('user_id', knex.raw('sum(donated) as total'));
  const donated = await counted()
    .whereRaw('lower(email) = any(?)', [emails])
    .groupBy(knex.raw('lower(email)'))
    .select<Array<{ email: string; total: string }>>(
      knex.raw('lower(email) as email'),
      knex.raw('sum(donated) as total'),
    );
  const managed = await knex('rm_giving_campaign_managers as m')
    .join('rm_giving_campaigns as c', 'c.id', 'm.campaign_id')
    .where({ 'm.program_id': programId })
    .whereIn('m.user_id', userIds)
    .orderBy('c.created_at')
    .select<Array<{ user_id: string; id: string; title: string; slug: string }>>(
      'm.user_id',
      'c.id',
      'c.title',
      'c.slug',
    );
  const raisedBy = new Map(raised.map((r) => [r.user_id, Number(r.total)]));
  const donatedBy = new Map(donated.map((r) => [r.email, Number(r.total)]));
  for (const row of rows) {
    const manager: ManagerView = {
      userId: row.user_id,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      picture: row.picture,
      url: row.url,
      donated: donatedBy.get(row.email) ?? 0,
      raised: raisedBy.get(row.user_id) ?? 0,
      campaigns: managed.filter((m) => m.user_id === row.user_id).map(({ id, title, slug }) => ({ id, title, slug })),
    };
    byCampaign.set(row.campaign_id, [...(byCampaign.get(row.campaign_id) ?? []), manager]);
  }
  return byCampaign;
}

const toCampaign = (row: CampaignRow, managers: readonly ManagerView[]): CampaignView => ({
  id: row.id,
  programId: row.program_id,
  title: row.title,
  description: row.description,
  slug: row.slug,
  goal: Number(row.goal),
  currency: row.currency,
  startAt: iso(row.start_at)!,
  endAt: iso(row.end_at),
  url: row.url,
  image: row.image,
  status: row.status,
  archivedAt: iso(row.archived_at),
  raised: Number(row.raised),
  numberOfDonors: row.number_of_donors,
  createdAt: iso(row.created_at)!,
  updatedAt: iso(row.updated_at)!,
  managers,
  version: Number(row.version),
});

/** Scoped by program: another program's campaign does not exist for this one. */
export async function findCampaign(knex: Knex, programId: string, id: string): Promise<CampaignView | undefined> {
  const row = await findProgramRow<CampaignRow>(knex, 'rm_giving_campaigns', programId, id);
  if (!row) return undefined;
  return toCampaign(row, (await managersOf(knex, programId, [id])).get(id) ?? []);
}

export interface CampaignFilter {
  readonly status?: 'active' | 'archived' | undefined;
}

export async function listCampaigns(
  knex: Knex,
  programId: string,
  filter: CampaignFilter,
  page: PageRequest,
): Promise<Page<CampaignView>> {
  const { rows, total } = await newestOfProgram<CampaignRow>(
    knex,
    'rm_giving_campaigns',
    programId,
    { status: filter.status },
    page,
  );
  const managers = await managersOf(
    knex,
    programId,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => toCampaign(r, managers.get(r.id) ?? [])), total };
}
