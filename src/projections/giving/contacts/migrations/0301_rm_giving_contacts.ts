import { sqlMigration } from '../../../../platform/db.js';

export const contactsMigration = sqlMigration(
  '0301_rm_giving_contacts',
  `
      create table rm_giving_contacts (
        id uuid primary key,
        program_id uuid not null,
        first_name text not null,
        last_name text not null,
        email text,
        phone text,
        address jsonb,
        company_id uuid,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_contacts_program on rm_giving_contacts (program_id, created_at, id);
      create index rm_giving_contacts_email on rm_giving_contacts (program_id, email);
      create table rm_giving_contact_tags (
        contact_id uuid not null,
        tag_id uuid not null,
        program_id uuid not null,
        tagged_at timestamptz not null,
        primary key (contact_id, tag_id)
      );
      create index rm_giving_contact_tags_tag on rm_giving_contact_tags (tag_id);
      create table rm_giving_companies (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        website text,
        phone text,
        address jsonb,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_companies_program on rm_giving_companies (program_id, created_at, id);
      create table rm_giving_tags (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_tags_program on rm_giving_tags (program_id, created_at, id);
    `,
);
