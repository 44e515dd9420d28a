import { sqlMigration } from '../../../../platform/db.js';

export const connectionsMigration = sqlMigration(
  '0531_rm_hub_connections',
  `
      create table rm_hub_connections (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_id uuid not null,
        bank_id uuid not null,
        type text not null,
        data_provider_type text not null,
        provider_code text not null,
        provider_connection_id text not null,
        -- SHA-256 of hub, provider and the provider's credentials fingerprint (credentialsPreviouslyUsed).
        credentials_digest text not null,
        status text not null,
        error_code text,
        error_message text,
        eligible_from timestamptz not null,
        consent_expires_at timestamptz,
        cursor text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        -- Deleted connections keep their row: the digest still counts as previously used.
        deleted_at timestamptz,
        version bigint not null
      );
      create index rm_hub_connections_customer on rm_hub_connections (customer_id, created_at);
      create index rm_hub_connections_digest on rm_hub_connections (hub_id, credentials_digest);
    `,
);
