import { describe, it } from 'vitest';
import { campaignDecider } from '../../../../src/domain/giving/campaigns/campaign.js';
import type { CampaignDetails, CampaignEvent } from '../../../../src/domain/giving/campaigns/events.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const later = '2026-11-23T10:00:00.000Z';
const details: CampaignDetails = {
  title: 'Des arbres',
  description: '<p>500 arbres</p>',
  slug: 'des-arbres',
  goal: 1_000_000,
  startAt: '2026-11-01T00:00:00.000Z',
  endAt: '2027-01-31T00:00:00.000Z',
  url: 'https://give.example/campaigns/des-arbres',
  image: null,
  managers: [
    {
      userId: 'u1',
      firstName: 'Lucie',
      lastName: 'Martin',
      email: 'lucie@example.org',
      phone: null,
      picture: null,
      url: 'https://give.example/users/u1',
    },
  ],
};
const created: CampaignEvent = {
  type: 'CampaignCreated',
  data: { campaignId: 'c1', programId: 'p1', currency: 'EUR', details, createdAt: now },
};
const archived: CampaignEvent = { type: 'CampaignArchived', data: { campaignId: 'c1', archivedAt: later } };

describe('campaign', () => {
  const { given } = spec(campaignDecider);
  const create = {
    type: 'CreateCampaign' as const,
    data: { campaignId: 'c1', programId: 'p1', currency: 'EUR', details, now },
  };

  describe('creating', () => {
    it('when a campaign is created, then CampaignCreated carries its details and currency', () => {
      given([]).when(create).then([created]);
    });
    it('when it exists already, then creating again is a conflict', () => {
      given([created]).when(create).thenThrows('conflict');
    });
    it('when it would end before it starts, then it is an invalid request', () => {
      given([])
        .when({ ...create, data: { ...create.data, details: { ...details, endAt: '2026-10-01T00:00:00.000Z' } } })
        .thenThrows('invalid_request');
    });
  });

  describe('updating', () => {
    const update = (changes: Partial<CampaignDetails>, programId = 'p1') => ({
      type: 'UpdateCampaign' as const,
      data: { programId, changes, now: later },
    });
    it('when the title changes, then only the changed fields are recorded', () => {
      given([created])
        .when(update({ title: 'Des arbres pour tous', goal: details.goal }))
        .then([
          {
            type: 'CampaignUpdated',
            data: { campaignId: 'c1', changes: { title: 'Des arbres pour tous' }, updatedAt: later },
          },
        ]);
    });
    it('when nothing changes (the same managers too), then nothing is recorded', () => {
      given([created])
        .when(update({ title: details.title, managers: details.managers }))
        .then([]);
    });
    it('when another program asks, then the campaign is not found', () => {
      given([created])
        .when(update({ title: 'x' }, 'p2'))
        .thenThrows('not_found');
    });
    it('when there is no campaign, then it is not found', () => {
      given([])
        .when(update({ title: 'x' }))
        .thenThrows('not_found');
    });
    it('when the new end date precedes the start, then it is an invalid request', () => {
      given([created])
        .when(update({ endAt: '2026-10-01T00:00:00.000Z' }))
        .thenThrows('invalid_request');
    });
    it('when the campaign is archived, then a change is refused', () => {
      given([created, archived])
        .when(update({ title: 'x' }))
        .thenThrows('operation_refused');
    });
  });

  describe('archiving', () => {
    const archive = (programId = 'p1') => ({ type: 'ArchiveCampaign' as const, data: { programId, now: later } });
    it('when an active campaign is archived, then CampaignArchived is recorded', () => {
      given([created]).when(archive()).then([archived]);
    });
    it('when it is archived already, then nothing more is recorded', () => {
      given([created, archived]).when(archive()).then([]);
    });
    it('when another program archives it, then it is not found', () => {
      given([created]).when(archive('p2')).thenThrows('not_found');
    });
  });
});
