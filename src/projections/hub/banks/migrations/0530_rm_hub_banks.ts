import { sqlMigration } from '../../../../platform/db.js';

export const banksMigration = sqlMigration(
  '0530_rm_hub_banks',
  `
      -- The platform's bank catalogue: no tenant, every hub may hold a bank.
      create table rm_hub_banks (
        id uuid primary key,
        name text not null,
        card_type text not null,
        provider_code text not null,
        country text not null,
        auth_models jsonb not null,
        active boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_banks_name on rm_hub_banks (name, id);
      -- A hub's banks; a dissociated one keeps its row (associated false) so a replay cannot bring it back.
      create table rm_hub_hub_banks (
        hub_id uuid not null,
        bank_id uuid not null,
        program_id uuid not null,
        associated boolean not null,
        updated_at timestamptz not null,
        version bigint not null,
        primary key (hub_id, bank_id)
      );
      create index rm_hub_hub_banks_bank on rm_hub_hub_banks (bank_id) where associated;
    `,
);
