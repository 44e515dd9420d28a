import { sqlMigration } from '../../../../platform/db.js';

export const causesMigration = sqlMigration(
  '0102_rm_causes',
  `
      create table rm_cause_categories (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        color text,
        picture text,
        active boolean not null,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_cause_categories_program on rm_cause_categories (program_id, name);

      create table rm_causes (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        impact text,
        description text,
        cause_category_id text,
        civility integer,
        representative_first_name text,
        representative_last_name text,
        representative_testimonial text,
        email text,
        phone text,
        url text,
        street text,
        zipcode text,
        city text,
        latitude double precision,
        longitude double precision,
        picture text,
        logo text,
        link_video text,
        facebook text,
        twitter text,
        instagram text,
        active boolean not null,
        proposed_by text not null,
        like_count integer not null default 0,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_causes_program on rm_causes (program_id, active);
      create index rm_causes_geo on rm_causes using gist (ll_to_earth(latitude, longitude)) where latitude is not null and longitude is not null;
    `,
);
