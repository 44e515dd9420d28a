import type { Knex } from 'knex';
import { activeByName, programRowFinder, type Page, type PageRequest } from '../shared/rows.js';

/* Rows as the read model stores them; the HTTP layer presents them. */

export interface BusinessCategoryRow {
  id: string;
  name: string;
  color: string | null;
  marker_symbol: string | null;
  picture: string | null;
  active: boolean;
  version: string;
}

export interface BusinessRow {
  id: string;
  program_id: string;
  name: string;
  email: string | null;
  activity: string | null;
  description: string | null;
  business_category_id: string | null;
  url: string | null;
  phone: string | null;
  online: boolean;
  shop: boolean;
  itinerant: boolean;
  picture: string | null;
  labels: string[];
  leader_first_name: string | null;
  leader_last_name: string | null;
  leader_description: string | null;
  leader_picture: string | null;
  facebook: string | null;
  twitter: string | null;
  instagram: string | null;
  link_video: string | null;
  active: boolean;
  like_count: number;
  unlike_count: number;
  version: string;
}

export interface AddressRow {
  id: string;
  business_id: string;
  street: string | null;
  zipcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  main: boolean;
  timetables: Array<{ day: string; startAt: string; endAt: string }>;
}

export interface PerkRow {
  id: string;
  program_id: string;
  business_id: string;
  name: string;
  description: string | null;
  offer: string | null;
  perk_detail_id: 1 | 2 | 3;
  flash: boolean;
  times: number;
  times_remaining: number;
  start_date: string | null;
  end_date: string | null;
  active: boolean;
  perk_code: string | null;
  appel: boolean;
  durable: boolean;
  all_day: boolean;
  picture: string | null;
  version: string;
}

export interface UseRow {
  id: string;
  program_id: string;
  perk_id: string;
  business_id: string;
  member_id: string;
  perk_name: string;
  business_name: string;
  feedback: 'like' | 'unlike' | 'unused' | null;
  created_at: Date;
  feedback_at: Date | null;
}

export type { Page, PageRequest } from '../shared/rows.js';

/** The search radius around the caller's point. */
const NEARBY_METRES = 10_000;

export const listBusinessCategories = (knex: Knex, programId: string, page: PageRequest) =>
  activeByName<BusinessCategoryRow>(knex, 'rm_business_categories', programId, page);

export const findBusinessCategory = programRowFinder<BusinessCategoryRow>('rm_business_categories');

export interface NearbyQuery extends PageRequest {
  readonly latitude: number;
  readonly longitude: number;
  /** Also the online businesses, wherever they are. */
  readonly online: boolean;
}

/**
 * Active businesses with an address within 10 km of the point (earth_box uses the
 * GiST index, earth_distance then cuts the box to the circle), plus the online
 * ones when asked; nearest first, online ones without a near address last.
 */
export async function businessesNear(
  knex: Knex,
  programId: string,
  query: NearbyQuery,
): Promise<Page<BusinessRow & { distance: number | null }>> {
  const point = knex.raw('ll_to_earth(?, ?)', [query.latitude, query.longitude]);
  const rows = await knex('rm_businesses as b')
    .leftJoin('rm_business_addresses as a', (join) => {
      join
        .on('a.business_id', 'b.id')
        .andOnNotNull('a.latitude')
        .andOnNotNull('a.longitude')
        .andOn(knex.raw('earth_box(?, ?) @> ll_to_earth(a.latitude, a.longitude)', [point, NEARBY_METRES]))
        .andOn(knex.raw('earth_distance(?, ll_to_earth(a.latitude, a.longitude)) <= ?', [point, NEARBY_METRES]));
    })
    .where({ 'b.program_id': programId, 'b.active': true })
    .where((where) => {
      void where.whereNotNull('a.id');
      if (query.online) void where.orWhere('b.online', true);
    })
    .groupBy('b.id')
    .orderByRaw('min(earth_distance(?, ll_to_earth(a.latitude, a.longitude))) asc nulls last, b.name asc, b.id asc', [
      point,
    ])
    .offset(query.offset)
    .limit(query.limit)
    .select<Array<BusinessRow & { distance: number | null; total: string }>>(
      'b.*',
      knex.raw('min(earth_distance(?, ll_to_earth(a.latitude, a.longitude))) as distance', [point]),
      knex.raw('count(*) over () as total'),
    );
  const total = rows[0] ? Number(rows[0].total) : query.offset > 0 ? await countNear(knex, programId, query) : 0;
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

/** The total when the page asked for lies past the end (no row carries the window count). */
async function countNear(knex: Knex, programId: string, query: NearbyQuery): Promise<number> {
  const all = await businessesNear(knex, programId, { ...query, offset: 0, limit: 100_000 });
  return all.rows.length;
}

export const findBusiness = programRowFinder<BusinessRow>('rm_businesses');

export async function addressesOf(knex: Knex, businessIds: readonly string[]): Promise<AddressRow[]> {
  if (businessIds.length === 0) return [];
  return knex('rm_business_addresses')
    .whereIn('business_id', businessIds)
    .orderBy([{ column: 'main', order: 'desc' }, { column: 'created_at' }, { column: 'id' }])
    .select<AddressRow[]>('*');
}

/** The perks of these businesses, the active ones only unless `all`. */
export async function perksOf(knex: Knex, businessIds: readonly string[], all = false): Promise<PerkRow[]> {
  if (businessIds.length === 0) return [];
  const query = knex('rm_perks').whereIn('business_id', businessIds);
  if (!all) void query.where({ active: true });
  return query.orderBy([{ column: 'created_at' }, { column: 'id' }]).select<PerkRow[]>('*');
}

export const findPerk = programRowFinder<PerkRow>('rm_perks');

export const findUse = programRowFinder<UseRow>('rm_perk_uses');
