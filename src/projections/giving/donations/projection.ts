import type { Knex } from 'knex';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import { donationEvents, type DonationEvent, type Supporter } from '../../../domain/giving/donations/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { typesOf } from '../../shared/handlers.js';
import { applyCampaign } from '../campaigns/apply.js';

/*
 * Campaigns and their donations in one projection: a donation moves its campaign's
 * `raised` and `number_of_donors`, so both must be applied in the log's order.
 * A donation counts while it is succeeded, not refunded and not deleted; every
 * change compares the row before and after and moves the counters by the
 * difference, so they stay the exact integer sums. The stored revision makes a
 * replayed event change nothing.
 */

export const GIVING_DONATIONS_PROJECTION = 'giving-donations';

const counts = (row: { status: string; refunded: boolean; deleted: boolean }): boolean =>
  row.status === 'succeeded' && !row.refunded && !row.deleted;
/** A donor is their email; an offline gift without one is a donor of its own. */
const donorKey = (email: string | null, donationId: string): string =>
  email === null ? `no-email:${donationId}` : email.trim().toLowerCase();

/**
 * Adds (sign 1) or removes (sign −1) one counted donation from its campaign's totals,
 * in one statement: the donor's count moves, and the campaign gains a donor when that
 * count reaches 1, loses one when it falls to 0 (the row stays, at 0).
 */
async function count(
  trx: Knex.Transaction,
  campaignId: string,
  donor: string,
  donated: number,
  sign: 1 | -1,
): Promise<void> {
  await trx.raw(
    `with donor as (
       insert into rm_giving_campaign_donors (campaign_id, email, donations) values (:campaignId, :email, :sign)
       on conflict (campaign_id, email) do update set donations = rm_giving_campaign_donors.donations + excluded.donations
       returning donations
     )
     update rm_giving_campaigns
        set raised = raised + :delta,
            number_of_donors = number_of_donors + (select case when :sign = 1 and donations = 1 then 1 when :sign = -1 and donations = 0 then -1 else 0 end from donor)
      where id = :campaignId`,
    { campaignId, email: donor, sign, delta: sign * donated },
  );
}

const supporterColumns = (s: Partial<Supporter>) =>
  Object.fromEntries(
    Object.entries({
      first_name: s.firstName,
      last_name: s.lastName,
      email: s.email,
      phone: s.phone,
      address: s.address === undefined ? undefined : JSON.stringify(s.address),
    }).filter(([, v]) => v !== undefined),
  );

interface ChangedRow {
  id: string;
  campaign_id: string;
  old_email: string | null;
  old_status: string;
  old_refunded: boolean;
  old_deleted: boolean;
  donated: string;
  email: string | null;
  status: string;
  refunded: boolean;
  deleted: boolean;
}

/**
 * Applies a change to an existing donation once (the row's revision guards it), and
 * moves the campaign's totals by what the change did to them: the row before and
 * after come back from one statement.
 */
async function changeDonation(
  trx: Knex.Transaction,
  id: string,
  event: RecordedEvent,
  changes: Record<string, unknown>,
): Promise<void> {
  const revision = event.revision.toString();
  // Column names come from this file, never from the event.
  const columns = Object.keys(changes);
  const set = [...columns.map((c) => `${c} = ?`), 'version = ?'].join(', ');
  const { rows } = await trx.raw<{ rows: ChangedRow[] }>(
    `with old as (
       select id, email, status, refunded, deleted from rm_giving_donations where id = ? and version < ? for update
     )
     update rm_giving_donations d set ${set} from old where d.id = old.id
     returning d.id, d.campaign_id, old.email as old_email, old.status as old_status, old.refunded as old_refunded, old.deleted as old_deleted,
               d.donated, d.email, d.status, d.refunded, d.deleted`,
    [id, revision, ...columns.map((c) => changes[c] as Knex.Value), revision],
  );
  const [row] = rows;
  if (!row) return;
  const was = counts({ status: row.old_status, refunded: row.old_refunded, deleted: row.old_deleted });
  const is = counts(row);
  const [oldDonor, donor] = [donorKey(row.old_email, row.id), donorKey(row.email, row.id)];
  if (was && (!is || oldDonor !== donor)) await count(trx, row.campaign_id, oldDonor, Number(row.donated), -1);
  if (is && (!was || oldDonor !== donor)) await count(trx, row.campaign_id, donor, Number(row.donated), 1);
}

async function applyDonation(trx: Knex.Transaction, parsed: DonationEvent, event: RecordedEvent): Promise<void> {
  switch (parsed.type) {
    case 'DonationRecorded': {
      const d = parsed.data;
      const captured = d.status === 'succeeded';
      const inserted = await trx('rm_giving_donations')
        .insert({
          id: d.donationId,
          program_id: d.programId,
          campaign_id: d.campaignId,
          plan_id: d.planId,
          team_id: d.teamId,
          user_id: d.userId,
          ...supporterColumns(d.supporter),
          status: d.status,
          method: d.method,
          amount: d.amount,
          fee: d.fee,
          fee_covered: d.feeCovered,
          donated: d.donated,
          payout: d.payout,
          currency: d.currency,
          charge_id: d.chargeId,
          captured,
          captured_at: captured ? d.recordedAt : null,
          line_items: JSON.stringify(d.lineItems),
          giving_space: d.givingSpace === null ? null : JSON.stringify(d.givingSpace),
          utm: d.utm === null ? null : JSON.stringify(d.utm),
          created_at: d.recordedAt,
          version: event.revision.toString(),
        })
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length > 0 && counts({ status: d.status, refunded: false, deleted: false }))
        await count(trx, d.campaignId, donorKey(d.supporter.email, d.donationId), d.donated, 1);
      return;
    }
    case 'DonationSupporterUpdated':
      return changeDonation(trx, parsed.data.donationId, event, supporterColumns(parsed.data.changes));
    case 'DonationRefunded':
      return changeDonation(trx, parsed.data.donationId, event, {
        refunded: true,
        refunded_at: parsed.data.refundedAt,
      });
    case 'DonationDeleted':
      return changeDonation(trx, parsed.data.donationId, event, { deleted: true });
  }
}

export const givingDonationsProjection: Projection = {
  name: GIVING_DONATIONS_PROJECTION,
  version: 1,
  eventTypes: typesOf(campaignEvents, donationEvents),
  tables: ['rm_giving_campaign_donors', 'rm_giving_campaign_managers', 'rm_giving_donations', 'rm_giving_campaigns'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const campaign = parseEvent(campaignEvents, event.type, event.data);
    if (campaign) return applyCampaign(trx, campaign, event);
    const donation = parseEvent(donationEvents, event.type, event.data);
    if (donation) return applyDonation(trx, donation, event);
  },
};
