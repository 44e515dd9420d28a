import type { Knex } from 'knex';
import type { PostalAddress } from '../../../domain/giving/contacts/events.js';
import { isUuid } from '../../../platform/uuid.js';
import { dated, type Dated, type DatedColumns } from '../../shared/dated.js';
import { findProgramRow, newestOfProgram, pageOf, type Page, type PageRequest } from '../../shared/rows.js';

export interface TagRow extends Dated {
  readonly id: string;
  readonly name: string;
}

export interface ContactRow extends Dated {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: PostalAddress | null;
  readonly companyId: string | null;
  readonly tags: ReadonlyArray<{ id: string; name: string }>;
}

export interface CompanyRow extends Dated {
  readonly id: string;
  readonly name: string;
  readonly website: string | null;
  readonly phone: string | null;
  readonly address: PostalAddress | null;
}

type ContactDbRow = DatedColumns & {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
  company_id: string | null;
};
type CompanyDbRow = DatedColumns & {
  id: string;
  name: string;
  website: string | null;
  phone: string | null;
  address: PostalAddress | null;
};
type TagDbRow = DatedColumns & { id: string; name: string };

async function tagsOf(
  knex: Knex,
  contactIds: readonly string[],
): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const byContact = new Map<string, Array<{ id: string; name: string }>>();
  if (contactIds.length === 0) return byContact;
  const rows = await knex('rm_giving_contact_tags as ct')
    .join('rm_giving_tags as t', 't.id', 'ct.tag_id')
    .whereIn('ct.contact_id', contactIds)
    .orderBy([{ column: 'ct.tagged_at' }, { column: 't.id' }])
    .select<Array<{ contact_id: string; id: string; name: string }>>('ct.contact_id', 't.id', 't.name');
  for (const row of rows)
    byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), { id: row.id, name: row.name }]);
  return byContact;
}

async function withTags(knex: Knex, rows: readonly ContactDbRow[]): Promise<ContactRow[]> {
  const tags = await tagsOf(
    knex,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    address: row.address,
    companyId: row.company_id,
    tags: tags.get(row.id) ?? [],
    ...dated(row),
  }));
}

export async function findContact(knex: Knex, programId: string, id: string): Promise<ContactRow | undefined> {
  const row = await findProgramRow<ContactDbRow>(knex, 'rm_giving_contacts', programId, id);
  return row && (await withTags(knex, [row]))[0];
}

export interface ContactFilter {
  readonly email?: string;
  readonly tagId?: string;
  readonly companyId?: string;
  /** Matches names and email, case-insensitively. */
  readonly q?: string;
}

export async function listContacts(
  knex: Knex,
  programId: string,
  filter: ContactFilter,
  page: PageRequest,
): Promise<Page<ContactRow>> {
  const base = knex('rm_giving_contacts as c').where('c.program_id', programId);
  if (filter.email) void base.where('c.email', filter.email.trim().toLowerCase());
  if (filter.companyId)
    void base.where('c.company_id', isUuid(filter.companyId) ? filter.companyId : null).whereNotNull('c.company_id');
  if (filter.tagId) {
    const tagId = isUuid(filter.tagId) ? filter.tagId : '00000000-0000-0000-0000-000000000000';
    void base.whereExists(
      (q) =>
        void q
          .select(1)
          .from('rm_giving_contact_tags as ct')
          .whereRaw('ct.contact_id = c.id')
          .where('ct.tag_id', tagId),
    );
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    void base.where(
      (q) => void q.whereILike('c.first_name', like).orWhereILike('c.last_name', like).orWhereILike('c.email', like),
    );
  }
  const newestFirst = [
    { column: 'c.created_at', order: 'desc' },
    { column: 'c.id', order: 'desc' },
  ];
  const { rows, total } = await pageOf<ContactDbRow>(base.select('c.*'), newestFirst, page);
  return { rows: await withTags(knex, rows), total };
}

const toCompany = (row: CompanyDbRow): CompanyRow => ({
  id: row.id,
  name: row.name,
  website: row.website,
  phone: row.phone,
  address: row.address,
  ...dated(row),
});
const toTag = (row: TagDbRow): TagRow => ({ id: row.id, name: row.name, ...dated(row) });

export async function findCompany(knex: Knex, programId: string, id: string): Promise<CompanyRow | undefined> {
  const row = await findProgramRow<CompanyDbRow>(knex, 'rm_giving_companies', programId, id);
  return row && toCompany(row);
}

export async function listCompanies(knex: Knex, programId: string, page: PageRequest): Promise<Page<CompanyRow>> {
  const { rows, total } = await newestOfProgram<CompanyDbRow>(knex, 'rm_giving_companies', programId, {}, page);
  return { rows: rows.map(toCompany), total };
}

export async function findTag(knex: Knex, programId: string, id: string): Promise<TagRow | undefined> {
  const row = await findProgramRow<TagDbRow>(knex, 'rm_giving_tags', programId, id);
  return row && toTag(row);
}

export async function listTags(knex: Knex, programId: string, page: PageRequest): Promise<Page<TagRow>> {
  const { rows, total } = await pageOf<TagDbRow>(
    knex('rm_giving_tags').where({ program_id: programId }),
    [
      { column: 'name', order: 'asc' },
      { column: 'id', order: 'asc' },
    ],
    page,
  );
  return { rows: rows.map(toTag), total };
}

/** Tag names by id, for presenting a contact the way a webhook sends it. */
export async function tagNames(knex: Knex, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await knex('rm_giving_tags')
    .whereIn('id', ids)
    .select<Array<{ id: string; name: string }>>('id', 'name');
  return new Map(rows.map((r) => [r.id, r.name]));
}
