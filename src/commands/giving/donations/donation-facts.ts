import type { CampaignFacts, RecordDonationData } from '../../../domain/giving/donations/donation.js';
import { feeSettingsOf } from '../../../domain/giving/donations/fees.js';
import { notFound } from '../../../domain/shared/errors.js';
import { tenancyEvents } from '../../../domain/tenancy/events.js';
import { programDecider, type ProgramState } from '../../../domain/tenancy/program.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { isUuid } from '../../../platform/uuid.js';
import { foldStream } from '../../fold-stream.js';
import { loadCampaign } from '../campaigns/load-campaign.js';

export interface DonationFactsDeps {
  readonly store: EventStore;
}

// The program's own stream, as commands/tenancy names it: the commands layer reads the log, not the read models.
const programStream = (programId: string): string => `program-${programId}`;

async function loadProgram(store: EventStore, programId: string): Promise<ProgramState> {
  return (await foldStream(store, programDecider, tenancyEvents, programStream(programId))).state;
}

/** What the decision needs besides the input: the program's fee settings and the campaign's facts. */
export async function donationFacts(
  deps: DonationFactsDeps,
  programId: string,
  campaignId: string,
): Promise<Pick<RecordDonationData, 'campaign' | 'programCurrency' | 'fees'>> {
  const program = await loadProgram(deps.store, programId);
  if (program.status === 'none') throw notFound('program');
  const state = isUuid(campaignId) ? await loadCampaign(deps.store, campaignId) : ({ status: 'none' } as const);
  const campaign: CampaignFacts | null =
    state.status === 'none'
      ? null
      : { programId: state.programId, archived: state.status === 'archived', currency: state.currency };
  return { campaign, programCurrency: program.settings.currency, fees: feeSettingsOf(program.settings) };
}

/** The gift as a donation request asks for it, whoever records it. */
export interface GiftInput {
  readonly campaignId: string;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly method: 'card' | 'check' | 'cash';
  readonly coverFee: boolean;
}

/** The part of a donation's record that every way of recording one fills alike: the facts, the program, the gift. */
export async function giftRecord(deps: DonationFactsDeps, donationId: string, input: GiftInput, programId: string) {
  const facts = await donationFacts(deps, programId, input.campaignId);
  const { campaignId, amount: gift, currency, method, coverFee } = input;
  return { ...facts, donationId, programId, campaignId, gift, currency, method, coverFee };
}
