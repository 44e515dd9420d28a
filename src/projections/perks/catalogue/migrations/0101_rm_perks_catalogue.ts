import { sqlMigration } from '../../../../platform/db.js';

export const catalogueMigration = sqlMigration(
  '0101_rm_perks_catalogue',
  `
      create table rm_business_categories (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        color text,
        marker_symbol text,
        picture text,
        active boolean not null,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_business_categories_program on rm_business_categories (program_id, name);

      create table rm_businesses (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        email text,
        activity text,
        description text,
        business_category_id text,
        url text,
        phone text,
        online boolean not null,
        shop boolean not null,
        itinerant boolean not null,
        picture text,
        labels jsonb not null default '[]',
        leader_first_name text,
        leader_last_name text,
        leader_description text,
        leader_picture text,
        facebook text,
        twitter text,
        instagram text,
        link_video text,
        active boolean not null,
        like_count integer not null default 0,
        unlike_count integer not null default 0,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_businesses_program on rm_businesses (program_id, name);
      create index rm_businesses_online on rm_businesses (program_id) where online and active;

      create table rm_business_addresses (
        id uuid primary key,
        business_id uuid not null,
        program_id uuid not null,
        street text,
        zipcode text,
        city text,
        latitude double precision,
        longitude double precision,
        main boolean not null,
        timetables jsonb not null default '[]',
        created_at timestamptz not null
      );
      create index rm_business_addresses_business on rm_business_addresses (business_id);
      create index rm_business_addresses_geo on rm_business_addresses using gist (ll_to_earth(latitude, longitude))
        where latitude is not null and longitude is not null;

      create table rm_perks (
        id uuid primary key,
        program_id uuid not null,
        business_id uuid not null,
        name text not null,
        description text,
        offer text,
        perk_detail_id integer not null,
        flash boolean not null,
        times integer not null,
        times_remaining integer not null,
        start_date text,
        end_date text,
        active boolean not null,
        perk_code text,
        appel boolean not null,
        durable boolean not null,
        all_day boolean not null,
        picture text,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_perks_business on rm_perks (business_id);

      create table rm_perk_uses (
        id uuid primary key,
        program_id uuid not null,
        perk_id uuid not null,
        business_id uuid not null,
        member_id uuid not null,
        perk_name text not null,
        business_name text not null,
        feedback text,
        created_at timestamptz not null,
        feedback_at timestamptz
      );
      create index rm_perk_uses_waiting on rm_perk_uses (program_id, member_id, created_at desc) where feedback is null;

      create table rm_partner_codes (
        id uuid primary key,
        program_id uuid not null,
        code text not null,
        partner_name text,
        latitude double precision,
        longitude double precision,
        radius_km double precision,
        cities jsonb not null default '[]',
        trial_months integer not null,
        gift_months integer not null,
        active boolean not null,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_partner_codes_code on rm_partner_codes (program_id, lower(code));
    `,
);
