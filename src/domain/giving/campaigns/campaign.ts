import {
  deciderFromNone,
  evolveFromNone,
  type Decider,
  type None,
  type NoneOr,
  type ProgramCommand,
} from '../../shared/decider.js';
import { changedFields, createdOnce, existingIn } from '../../shared/entity.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { CampaignDetails, CampaignEvent } from './events.js';

export type CampaignState = NoneOr<{
  readonly status: 'active' | 'archived';
  readonly campaignId: string;
  readonly programId: string;
  readonly currency: string;
  readonly details: CampaignDetails;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}>;

export type CampaignCommand =
  | ProgramCommand<
      'CreateCampaign',
      { readonly campaignId: string; readonly currency: string; readonly details: CampaignDetails }
    >
  | ProgramCommand<'UpdateCampaign', { readonly changes: Partial<CampaignDetails> }>
  | ProgramCommand<'ArchiveCampaign'>;

const evolve = evolveFromNone<Exclude<CampaignState, None>, CampaignEvent, 'CampaignCreated'>(
  'CampaignCreated',
  ({ campaignId, programId, currency, details, createdAt }) => ({
    status: 'active',
    campaignId,
    programId,
    currency,
    details,
    createdAt,
    updatedAt: createdAt,
    archivedAt: null,
  }),
  {
    CampaignUpdated: (state, { changes, updatedAt }) => ({
      ...state,
      details: { ...state.details, ...changes },
      updatedAt,
    }),
    CampaignArchived: (state, { archivedAt }) => ({ ...state, status: 'archived', archivedAt, updatedAt: archivedAt }),
  },
);

/** Dates come in as ISO 8601 UTC strings of one length (toISOString), so they compare as text. */
function checkDates(details: Pick<CampaignDetails, 'startAt' | 'endAt'>): void {
  if (details.endAt !== null && details.endAt <= details.startAt) {
    throw new DomainError('invalid_request', 'the campaign must end after it starts', [
      { field: 'end_at', message: 'after start_at' },
    ]);
  }
}

function decide(command: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (command.type) {
    case 'CreateCampaign': {
      const created = createdOnce(state.status !== 'none', 'campaign', 'CampaignCreated', command.data);
      checkDates(command.data.details);
      return created;
    }
    case 'UpdateCampaign': {
      const campaign = existingIn(state, command.data.programId, 'campaign');
      if (campaign.status === 'archived') throw refused('an archived campaign cannot be changed');
      const changes = changedFields(campaign.details, command.data.changes);
      if (Object.keys(changes).length === 0) return [];
      checkDates({ ...campaign.details, ...changes });
      return [
        { type: 'CampaignUpdated', data: { campaignId: campaign.campaignId, changes, updatedAt: command.data.now } },
      ];
    }
    case 'ArchiveCampaign': {
      const campaign = existingIn(state, command.data.programId, 'campaign');
      if (campaign.status === 'archived') return [];
      return [{ type: 'CampaignArchived', data: { campaignId: campaign.campaignId, archivedAt: command.data.now } }];
    }
  }
}

export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = deciderFromNone(evolve, decide);
