import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../../src/commands/giving/campaigns/create-campaign.js';
import { archiveCampaign } from '../../../src/commands/giving/campaigns/update-campaign.js';
import { createTag } from '../../../src/commands/giving/contacts/companies.js';
import { campaignStream, tagStream } from '../../../src/commands/giving/streams.js';
import { fixedClock } from '../../../src/platform/clock.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

const context = { tenantId: '5f1a0c9e-7d59-4c1b-9b0e-2c4f1b7a9d10', actor: 'test' };
const at = '2031-03-04T05:06:07.000Z';

describe('giving commands read the time from the clock they are given', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when a campaign is created without a start on a fixed clock, then it starts and is created at that time, and archived at it', async () => {
    const deps = { store: infra.store, clock: fixedClock(at) };
    const input = {
      title: 'T',
      description: '',
      slug: `clock-${randomUUID()}`,
      goal: 1000,
      startAt: undefined,
      endAt: null,
      image: null,
      managers: [],
    };
    const campaign = await createCampaign(deps, input, context, { currency: 'EUR', baseUrl: 'https://give.example' });
    await archiveCampaign(deps, campaign.id, context);
    const [created, archived] = await infra.store.readStream(campaignStream(campaign.id));
    expect(created?.data).toMatchObject({ createdAt: at, details: { startAt: at } });
    expect(archived?.data).toMatchObject({ archivedAt: at });
  });

  it('when a tag is created on a fixed clock, then its event records that time', async () => {
    const tag = await createTag({ store: infra.store, clock: fixedClock(at) }, `tag-${randomUUID()}`, context);
    const [created] = await infra.store.readStream(tagStream(tag.id));
    expect(created?.data).toMatchObject({ createdAt: at });
  });
});
