import { sqlMigration } from '../../../../platform/db.js';

export const hubsMigration = sqlMigration(
  '0500_rm_hub_hubs',
  `
      create table rm_hub_hubs (
        id uuid primary key,
        program_id uuid not null unique,
        name text not null,
        program_name text,
        host text,
        external_id text,
        -- HubSettings and OperatorSettings as the events carry them (the recaptcha secret sealed).
        settings jsonb not null,
        operator jsonb not null default '{}',
        -- By registration type: [{code, label, required}].
        optins jsonb not null default '{}',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_hubs_host on rm_hub_hubs (host);
      create index rm_hub_hubs_external_id on rm_hub_hubs (external_id);
    `,
);
