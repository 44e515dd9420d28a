import {
  deciderFromNone,
  evolveFromNone,
  type Decider,
  type NoneOr,
  type ProgramCommand,
} from '../../shared/decider.js';
import { changedFields, updatedEvents } from '../../shared/entity.js';
import { DomainError, notFound, refused } from '../../shared/errors.js';
import type { DonationEvent, DonationRecordedData, DonationStatus, LineItem, Supporter, Utm } from './events.js';
import { donationAmounts, type DonationMethod, type FeeSettings } from './fees.js';

export type DonationState = NoneOr<{
  readonly status: 'recorded';
  readonly donation: DonationRecordedData;
  readonly refundedAt: string | null;
  readonly deletedAt: string | null;
}>;

/** What the command layer knows about the campaign from its stream: outside facts for the decision. */
export interface CampaignFacts {
  readonly programId: string;
  readonly archived: boolean;
  readonly currency: string;
}

export interface RecordDonationData {
  readonly donationId: string;
  readonly programId: string;
  readonly campaignId: string;
  readonly campaign: CampaignFacts | null;
  readonly programCurrency: string;
  readonly fees: FeeSettings;
  /** Minor units: the gift, before any covered fee. */
  readonly gift: number;
  readonly currency: string;
  readonly method: DonationMethod;
  readonly coverFee: boolean;
  /** What the payment came to: a card charged, declined, or only pledged; offline money is succeeded. */
  readonly paymentStatus: DonationStatus;
  readonly chargeId: string | null;
  readonly supporter: Supporter;
  /** Empty: one donation line of the whole gift, under `defaultLineItemId`. */
  readonly lineItems: readonly LineItem[];
  readonly defaultLineItemId: string;
  readonly utm: Utm | null;
  readonly givingSpace: { readonly id: string; readonly name: string } | null;
  readonly planId: string | null;
  readonly teamId: string | null;
  readonly userId: string | null;
  readonly now: string;
}

export type DonationCommand =
  | { readonly type: 'RecordDonation'; readonly data: RecordDonationData }
  | ProgramCommand<'UpdateSupporter', { readonly changes: Partial<Supporter> }>
  | ProgramCommand<'RefundDonation', { readonly refundId: string | null }>
  | ProgramCommand<'DeleteDonation'>;

type Recorded = Extract<DonationState, { status: 'recorded' }>;

const evolve = evolveFromNone<Recorded, DonationEvent, 'DonationRecorded'>(
  'DonationRecorded',
  (donation) => ({ status: 'recorded', donation, refundedAt: null, deletedAt: null }),
  {
    DonationSupporterUpdated: (state, { changes }) => ({
      ...state,
      donation: { ...state.donation, supporter: { ...state.donation.supporter, ...changes } },
    }),
    DonationRefunded: (state, { refundedAt }) => ({ ...state, refundedAt }),
    DonationDeleted: (state, { deletedAt }) => ({ ...state, deletedAt }),
  },
);

const invalid = (field: string, message: string) => new DomainError('invalid_request', message, [{ field, message }]);

function record(data: RecordDonationData): DonationEvent[] {
  const { campaign } = data;
  // Another program's campaign does not exist for this one.
  if (!campaign || campaign.programId !== data.programId) throw invalid('campaign_id', 'no such campaign');
  if (campaign.archived)
    throw refused('the campaign is archived and takes no new donations', [
      { field: 'campaign_id', message: 'archived' },
    ]);
  if (data.currency !== data.programCurrency) throw invalid('currency', `the program takes ${data.programCurrency}`);
  if (!Number.isSafeInteger(data.gift) || data.gift <= 0) throw invalid('amount', 'more than 0');
  const amounts = donationAmounts(data.gift, data.method, data.coverFee, data.fees);
  if (amounts.donated <= 0)
    throw refused('the amount does not cover the card fee; cover the fee or give more', [
      { field: 'amount', message: 'at most the fee' },
    ]);
  const lineItems: LineItem[] =
    data.lineItems.length > 0
      ? [...data.lineItems]
      : [{ id: data.defaultLineItemId, type: 'donation' as const, name: 'Donation', quantity: 1, amount: data.gift }];
  const itemsTotal = lineItems.reduce((sum, item) => sum + item.quantity * item.amount, 0);
  if (itemsTotal !== data.gift) throw invalid('line_items', 'the line items must add up to the amount');
  return [
    {
      type: 'DonationRecorded',
      data: {
        donationId: data.donationId,
        programId: data.programId,
        campaignId: data.campaignId,
        planId: data.planId,
        teamId: data.teamId,
        userId: data.userId,
        supporter: data.supporter,
        method: data.method,
        status: data.paymentStatus,
        coverFee: data.method === 'card' && data.coverFee,
        ...amounts,
        currency: data.currency,
        chargeId: data.chargeId,
        lineItems,
        utm: data.utm,
        givingSpace: data.givingSpace,
        recordedAt: data.now,
      },
    },
  ];
}

/** Deleted donations and other programs' donations do not exist. */
function existing(state: DonationState, programId: string): Recorded {
  if (state.status === 'none' || state.deletedAt !== null || state.donation.programId !== programId)
    throw notFound('donation');
  return state;
}

/** Throws unless the donation can be refunded: the command layer asks before it calls the processor. */
export function assertRefundable(state: DonationState, programId: string): Recorded {
  const donation = existing(state, programId);
  if (donation.refundedAt !== null) throw refused('the donation is refunded already');
  if (donation.donation.status !== 'succeeded')
    throw refused(`a ${donation.donation.status} donation cannot be refunded`);
  return donation;
}

function decide(command: DonationCommand, state: DonationState): DonationEvent[] {
  switch (command.type) {
    case 'RecordDonation':
      // Recording the same donation again (a retried billing period) records nothing.
      if (state.status === 'recorded') {
        if (state.donation.programId !== command.data.programId)
          throw new DomainError('conflict', 'this donation id is taken');
        return [];
      }
      return record(command.data);
    case 'UpdateSupporter': {
      const donation = existing(state, command.data.programId);
      const changes = changedFields(donation.donation.supporter, command.data.changes);
      const { donationId } = donation.donation;
      return updatedEvents('DonationSupporterUpdated', { donationId }, changes, command.data.now);
    }
    case 'RefundDonation': {
      const donation = assertRefundable(state, command.data.programId);
      return [
        {
          type: 'DonationRefunded',
          data: {
            donationId: donation.donation.donationId,
            refundId: command.data.refundId,
            refundedAt: command.data.now,
          },
        },
      ];
    }
    case 'DeleteDonation': {
      const donation = existing(state, command.data.programId);
      return [
        { type: 'DonationDeleted', data: { donationId: donation.donation.donationId, deletedAt: command.data.now } },
      ];
    }
  }
}

export const donationDecider: Decider<DonationState, DonationCommand, DonationEvent> = deciderFromNone(evolve, decide);
