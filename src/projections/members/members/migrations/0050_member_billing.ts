import { sqlMigration } from '../../../../platform/db.js';

/**
 * Billing, donations, invitations. `gs_member_payment_methods` is not a read
 * model: it holds the sealed card token billing needs, written by the command
 * layer, and survives projection rebuilds (events never carry the token).
 */
export const memberBillingMigration = sqlMigration(
  '0050_member_billing',
  `
      alter table rm_members
        add column past_due boolean not null default false,
        add column past_due_since timestamptz,
        add column next_due_at timestamptz,
        add column failed_attempts integer not null default 0,
        add column last_failed_at timestamptz,
        add column code_partner_since timestamptz,
        add column nb_contacts integer not null default 0,
        add column sponsor_code text;
      create index rm_members_due on rm_members (next_due_at) where subscription is not null;
      create table rm_member_donations (
        id uuid primary key,
        program_id uuid not null,
        member_id uuid not null,
        cause_id text,
        plan text not null,
        amount bigint not null,
        donation bigint not null,
        currency text not null,
        period_start timestamptz not null,
        created_at timestamptz not null
      );
      create index rm_member_donations_member on rm_member_donations (program_id, member_id, created_at);
      create index rm_member_donations_cause on rm_member_donations (program_id, cause_id);
      create table gs_member_payment_methods (
        member_id uuid primary key,
        program_id uuid not null,
        sealed_token text not null,
        updated_at timestamptz not null
      );
    `,
);
