import type { Knex } from 'knex';
import { offerSettings, type OfferSettings } from '../../../domain/hub/offers/events.js';
import { isUuid } from '../../../platform/uuid.js';
import { NEWEST_FIRST, pageOf, type Page, type PageRequest } from '../../shared/rows.js';
import { OFFERS } from './projection.js';

export interface OfferView {
  readonly id: string;
  readonly hubId: string;
  readonly programId: string;
  readonly settings: OfferSettings;
  /** On and not capped: what the engine counts for. */
  readonly active: boolean;
  readonly capped: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

interface OfferRow {
  id: string;
  hub_id: string;
  program_id: string;
  settings: unknown;
  active: boolean;
  capped: boolean;
  created_at: Date;
  updated_at: Date;
  version: string;
}

const view = (r: OfferRow): OfferView => ({
  id: r.id,
  hubId: r.hub_id,
  programId: r.program_id,
  settings: offerSettings.parse(r.settings),
  active: r.active && !r.capped,
  capped: r.capped,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: Number(r.version),
});

/** The hub's offer, or none (another hub's, or not a uuid). */
export async function findOffer(knex: Knex, hubId: string, offerId: string): Promise<OfferView | undefined> {
  if (!isUuid(offerId)) return undefined;
  const row = (await knex(OFFERS).where({ hub_id: hubId, id: offerId }).first()) as OfferRow | undefined;
  return row && view(row);
}

/** Several offers of a hub by id. */
export async function offersByIds(knex: Knex, ids: readonly string[]): Promise<Map<string, OfferView>> {
  if (ids.length === 0) return new Map();
  const rows = (await knex(OFFERS).whereIn('id', [...new Set(ids)])) as OfferRow[];
  return new Map(rows.map((r) => [r.id, view(r)]));
}

/**
 * The hub's offers, most recent first; `current`: only those on, uncapped and whose period covers `now` (true), or
 * the others (false).
 */
export async function listOffers(
  knex: Knex,
  hubId: string,
  filter: { current?: boolean; now: string },
  page: PageRequest,
): Promise<Page<OfferView>> {
  const base = knex(OFFERS)
    .where({ hub_id: hubId })
    .modify((q) => {
      if (filter.current === undefined) return;
      const current = (w: Knex.QueryBuilder): void => {
        void w
          .where({ active: true, capped: false })
          .where(
            (s) =>
              void s.whereRaw(`settings->>'startDate' is null`).orWhereRaw(`settings->>'startDate' <= ?`, [filter.now]),
          )
          .where(
            (e) =>
              void e.whereRaw(`settings->>'endDate' is null`).orWhereRaw(`settings->>'endDate' >= ?`, [filter.now]),
          );
      };
      if (filter.current) void q.where(current);
      else void q.whereNot(current);
    });
  const { rows, total } = await pageOf<OfferRow>(base, NEWEST_FIRST, page);
  return { rows: rows.map(view), total };
}
