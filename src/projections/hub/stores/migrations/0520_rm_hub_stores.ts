import { sqlMigration } from '../../../../platform/db.js';

export const storesMigration = sqlMigration(
  '0520_rm_hub_stores',
  `
      create table rm_hub_stores (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        external_id text not null,
        name text not null,
        type text not null,
        brand_id text,
        brand_name text,
        is_online boolean not null,
        google_place_id text,
        street_number text,
        street_name text,
        city text,
        country text,
        post_code text,
        -- Upper-cased; the matcher looks for them in debits' labels.
        patterns jsonb not null,
        active boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null,
        unique (hub_id, external_id)
      );
      create index rm_hub_stores_active on rm_hub_stores (hub_id, active, name);
      create table rm_hub_store_lists (
        request_id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        kind text not null,
        result text not null,
        result_detail text,
        created integer,
        updated integer,
        deactivated integer,
        -- The request's place in the global log: a newer request of the hub supersedes the older pending ones.
        log_position numeric(20) not null,
        requested_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_store_lists_hub on rm_hub_store_lists (hub_id, result, log_position);
    `,
);
