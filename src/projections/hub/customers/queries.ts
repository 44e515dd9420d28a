import type { Knex } from 'knex';
import { pageOf } from '../../shared/rows.js';

export interface CustomerView {
  readonly id: string;
  readonly hubId: string;
  readonly programId: string;
  readonly customerExternalId: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phoneNumber: string | null;
  readonly countryCode: number | null;
  readonly birthDate: string | null;
  readonly postalCode: string | null;
  readonly gender: 'M' | 'F' | null;
  readonly familyStatus: string | null;
  readonly origin: string | null;
  readonly referer: string | null;
  readonly preferredLanguage: string | null;
  readonly outsideOptIn: boolean;
  readonly optins: Record<string, Array<{ code: string; value: boolean }>>;
  readonly referralCode: string;
  readonly status: 'registering' | 'subscribed' | 'deleted';
  readonly dataProviderType: string | null;
  readonly registrationDate: string;
  readonly transactionsEligibleFromDate: string;
  readonly hasPassword: boolean;
  readonly passwordLocked: boolean;
  readonly pointsBalance: number;
  readonly cashbackMethod: 'missing' | 'retrieved';
  readonly version: number;
}

type Row = Record<string, unknown> & { registration_date: Date; transactions_eligible_from: Date; version: string };

const view = (r: Row): CustomerView => ({
  id: r.id as string,
  hubId: r.hub_id as string,
  programId: r.program_id as string,
  customerExternalId: r.customer_external_id as string | null,
  firstName: r.first_name as string | null,
  lastName: r.last_name as string | null,
  email: r.email as string | null,
  phoneNumber: r.phone_number as string | null,
  countryCode: r.country_code as number | null,
  birthDate: r.birth_date as string | null,
  postalCode: r.postal_code as string | null,
  gender: r.gender as 'M' | 'F' | null,
  familyStatus: r.family_status as string | null,
  origin: r.origin as string | null,
  referer: r.referer as string | null,
  preferredLanguage: r.preferred_language as string | null,
  outsideOptIn: r.outside_opt_in as boolean,
  optins: r.optins as CustomerView['optins'],
  referralCode: r.referral_code as string,
  status: r.status as CustomerView['status'],
  dataProviderType: r.data_provider_type as string | null,
  registrationDate: r.registration_date.toISOString(),
  transactionsEligibleFromDate: r.transactions_eligible_from.toISOString(),
  hasPassword: r.has_password as boolean,
  passwordLocked: r.password_locked as boolean,
  pointsBalance: r.points_balance as number,
  cashbackMethod: r.cashback_method as CustomerView['cashbackMethod'],
  version: Number(r.version),
});

/**
 * The balance is summed from the points read model at read time, not taken from the customer's row: the two are
 * separate projections, so a row inserted (or rebuilt) after the customer's points events would otherwise show 0.
 */
const POINTS_BALANCE = `coalesce((select sum(case when p.operation_type = 'earned' then p.value else -p.value end)
  from rm_hub_points p where p.customer_id = rm_hub_customers.id), 0)::int as points_balance`;
const live = (knex: Knex, hubId: string) => knex('rm_hub_customers').where({ hub_id: hubId }).whereNull('deleted_at');
const withBalance = (knex: Knex, q: Knex.QueryBuilder) => q.select('rm_hub_customers.*', knex.raw(POINTS_BALANCE));
const one = async (knex: Knex, q: Knex.QueryBuilder): Promise<CustomerView | undefined> => {
  const row = (await withBalance(knex, q).first()) as Row | undefined;
  return row && view(row);
};

/** A live customer of the hub (another hub's, or a deleted one, is none). */
export const findCustomer = (knex: Knex, hubId: string, id: string) => one(knex, live(knex, hubId).where({ id }));
export const findCustomerByEmail = (knex: Knex, hubId: string, email: string) =>
  one(knex, live(knex, hubId).where({ email }));
export const findCustomerByPhone = (knex: Knex, hubId: string, countryCode: number, phone: string) =>
  one(knex, live(knex, hubId).where({ country_code: countryCode, phone_number: phone }));
export const findCustomerByExternalId = (knex: Knex, hubId: string, externalId: string) =>
  one(knex, live(knex, hubId).where({ customer_external_id: externalId }));
export const findCustomerByReferralCode = (knex: Knex, hubId: string, code: string) =>
  one(knex, live(knex, hubId).where({ referral_code: code }));

export interface CustomerFilters {
  readonly startDate?: string | undefined;
  readonly endDate?: string | undefined;
  /** An exact id, phone or email. */
  readonly search?: string | undefined;
  readonly memberFullyRegistered?: boolean | undefined;
}

/** The hub's live customers, oldest registration first. */
export async function listCustomers(
  knex: Knex,
  hubId: string,
  filters: CustomerFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: CustomerView[]; total: number }> {
  const base = live(knex, hubId).modify((q) => {
    if (filters.startDate) q.where('registration_date', '>=', filters.startDate);
    if (filters.endDate) q.where('registration_date', '<', filters.endDate);
    if (filters.memberFullyRegistered !== undefined)
      q.where('status', filters.memberFullyRegistered ? '=' : '<>', 'subscribed');
    const search = filters.search;
    if (search)
      q.where((w) => {
        w.where('email', search.toLowerCase())
          .orWhere('phone_number', search.replace(/^0+/, ''))
          .orWhereRaw(`'+' || country_code || phone_number = ?`, [search.replace(/\s/g, '')]);
        if (/^[0-9a-f-]{36}$/i.test(search)) w.orWhere('id', search);
      });
  });
  const byRegistration = [{ column: 'registration_date' }, { column: 'id' }];
  const { rows, total } = await pageOf<Row>(withBalance(knex, base), byRegistration, page);
  return { rows: rows.map(view), total };
}
