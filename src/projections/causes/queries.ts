import type { Knex } from 'knex';
import { isUuid } from '../../platform/uuid.js';
import { activeByName, programRowFinder, type Page, type PageRequest } from '../shared/rows.js';

export interface CauseCategoryRow {
  id: string;
  name: string;
  color: string | null;
  picture: string | null;
  active: boolean;
  version: string;
}

export interface CauseRow {
  id: string;
  program_id: string;
  name: string;
  impact: string | null;
  description: string | null;
  cause_category_id: string | null;
  /** The category's name, joined. */
  cause_category: string | null;
  civility: number | null;
  representative_first_name: string | null;
  representative_last_name: string | null;
  representative_testimonial: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
  street: string | null;
  zipcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  picture: string | null;
  logo: string | null;
  link_video: string | null;
  facebook: string | null;
  twitter: string | null;
  instagram: string | null;
  active: boolean;
  proposed_by: string;
  like_count: number;
  version: string;
}

export const listCauseCategories = (knex: Knex, programId: string, page: PageRequest) =>
  activeByName<CauseCategoryRow>(knex, 'rm_cause_categories', programId, page);

export const findCauseCategory = programRowFinder<CauseCategoryRow>('rm_cause_categories');

const withCategory = (knex: Knex) =>
  knex('rm_causes as c').leftJoin('rm_cause_categories as k', (join) => {
    join.on(knex.raw('k.id::text = c.cause_category_id')).andOn('k.program_id', 'c.program_id');
  });

export interface CausesQuery extends PageRequest {
  readonly point: { readonly latitude: number; readonly longitude: number } | null;
}

/** The program's active causes, nearest first (those without coordinates last), or by name without a point. */
export async function listCauses(
  knex: Knex,
  programId: string,
  query: CausesQuery,
): Promise<Page<CauseRow & { distance: number | null }>> {
  const base = withCategory(knex).where({ 'c.program_id': programId, 'c.active': true });
  const [count] = await base.clone().count<Array<{ count: string }>>({ count: '*' });
  const distance = query.point
    ? knex.raw(
        'case when c.latitude is null or c.longitude is null then null else earth_distance(ll_to_earth(?, ?), ll_to_earth(c.latitude, c.longitude)) end',
        [query.point.latitude, query.point.longitude],
      )
    : knex.raw('null::double precision');
  const rows = await base
    .clone()
    .select<Array<CauseRow & { distance: number | null }>>(
      'c.*',
      { cause_category: 'k.name' },
      knex.raw('? as distance', [distance]),
    )
    .orderByRaw('distance asc nulls last, c.name asc, c.id asc')
    .offset(query.offset)
    .limit(query.limit);
  return { rows, total: Number(count?.count ?? 0) };
}

export async function findCause(knex: Knex, programId: string, id: string): Promise<CauseRow | undefined> {
  if (!isUuid(id)) return undefined;
  return withCategory(knex)
    .where({ 'c.program_id': programId, 'c.id': id })
    .first<CauseRow | undefined>('c.*', { cause_category: 'k.name' });
}

/** Whether the member gives to this cause (the members read model's `cause_id`). */
export async function memberSupportsCause(
  knex: Knex,
  programId: string,
  memberId: string,
  causeId: string,
): Promise<boolean> {
  if (!isUuid(memberId)) return false;
  const row = await knex('rm_members')
    .where({ program_id: programId, id: memberId, cause_id: causeId })
    .first<{ id: string } | undefined>('id');
  return row !== undefined;
}
