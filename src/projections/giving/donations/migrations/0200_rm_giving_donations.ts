import { sqlMigration } from '../../../../platform/db.js';

export const givingDonationsMigration = sqlMigration(
  '0200_rm_giving_donations',
  `
      create table rm_giving_campaigns (
        id uuid primary key,
        program_id uuid not null,
        title text not null,
        description text not null,
        slug text not null,
        goal bigint not null,
        currency text not null,
        start_at timestamptz not null,
        end_at timestamptz,
        url text not null,
        image jsonb,
        status text not null,
        archived_at timestamptz,
        raised bigint not null default 0,
        number_of_donors integer not null default 0,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_campaigns_program on rm_giving_campaigns (program_id, created_at desc, id);
      create index rm_giving_campaigns_slug on rm_giving_campaigns (slug);

      create table rm_giving_campaign_managers (
        campaign_id uuid not null,
        position integer not null,
        program_id uuid not null,
        user_id text not null,
        first_name text not null,
        last_name text not null,
        email text not null,
        phone text,
        picture text,
        url text not null,
        primary key (campaign_id, position)
      );
      create index rm_giving_campaign_managers_user on rm_giving_campaign_managers (program_id, user_id);

      create table rm_giving_donations (
        id uuid primary key,
        program_id uuid not null,
        campaign_id uuid not null,
        plan_id text,
        team_id text,
        user_id text,
        first_name text not null,
        last_name text not null,
        email text not null,
        phone text,
        address jsonb,
        status text not null,
        method text not null,
        amount bigint not null,
        fee bigint not null,
        fee_covered bigint not null,
        donated bigint not null,
        payout bigint not null,
        currency text not null,
        charge_id text,
        captured boolean not null,
        captured_at timestamptz,
        refunded boolean not null default false,
        refunded_at timestamptz,
        deleted boolean not null default false,
        line_items jsonb not null,
        giving_space jsonb,
        utm jsonb,
        created_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_donations_program on rm_giving_donations (program_id, created_at desc, id) where not deleted;
      create index rm_giving_donations_campaign on rm_giving_donations (campaign_id, created_at desc) where not deleted;
      create index rm_giving_donations_user on rm_giving_donations (program_id, user_id) where not deleted;

      -- How many counted donations each donor (by email) has made to a campaign: number_of_donors counts the rows.
      create table rm_giving_campaign_donors (
        campaign_id uuid not null,
        email text not null,
        donations integer not null,
        primary key (campaign_id, email)
      );
    `,
);
