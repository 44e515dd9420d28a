import { sqlMigration } from '../../../../platform/db.js';

/**
 * A hub's customers. The personal columns (names, email, phone, birth date, postal code) are decrypted from the events
 * with the customer's data key; a deletion blanks them. Email and phone are unique among a hub's live customers.
 */
export const customersMigration = sqlMigration(
  '0510_rm_hub_customers',
  `
      create table rm_hub_customers (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_external_id text,
        first_name text,
        last_name text,
        email text,
        phone_number text,
        country_code integer,
        birth_date text,
        postal_code text,
        gender text,
        family_status text,
        origin text,
        referer text,
        preferred_language text,
        outside_opt_in boolean not null default false,
        optins jsonb not null default '{}',
        referral_code text not null,
        referred_by text,
        status text not null,
        data_provider_type text,
        registration_date timestamptz not null,
        transactions_eligible_from timestamptz not null,
        has_password boolean not null default false,
        password_locked boolean not null default false,
        points_balance integer not null default 0,
        cashback_method text not null default 'missing',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz,
        version bigint not null
      );
      create index rm_hub_customers_hub on rm_hub_customers (hub_id, registration_date, id);
      create index rm_hub_customers_external on rm_hub_customers (hub_id, customer_external_id);
      create index rm_hub_customers_email on rm_hub_customers (hub_id, email);
      create index rm_hub_customers_phone on rm_hub_customers (hub_id, country_code, phone_number);
      create unique index rm_hub_customers_referral on rm_hub_customers (hub_id, referral_code);
    `,
);
