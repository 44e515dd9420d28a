import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../../../src/commands/giving/campaigns/create-campaign.js';
import { archiveCampaign } from '../../../../src/commands/giving/campaigns/update-campaign.js';
import { recordDonation, type RecordDonationInput } from '../../../../src/commands/giving/donations/record-donation.js';
import { createProgram, DEFAULT_SETTINGS } from '../../../../src/commands/tenancy/create-program.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { givingDonationsProjection } from '../../../../src/projections/giving/donations/projection.js';
import { findCampaign } from '../../../../src/projections/giving/campaigns/queries.js';
import { findDonation } from '../../../../src/projections/giving/donations/queries.js';
import { ProjectionRunner } from '../../../../src/projections/runner.js';
import { programsProjection } from '../../../../src/projections/tenancy/programs.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { systemClock } from '../../../../src/platform/clock.js';

describe('recordDonation, as plan billing calls it', () => {
  let infra: TestInfra;
  let runner: ProjectionRunner;
  let programId: string;
  let campaignId: string;
  const input = (changes: Partial<RecordDonationInput> = {}): RecordDonationInput => ({
    donationId: randomUUID(),
    campaignId,
    planId: 'plan-1',
    amount: 1200,
    currency: 'EUR',
    method: 'card',
    coverFee: true,
    status: 'succeeded',
    chargeId: 'ch_plan_1',
    supporter: { firstName: 'Camille', lastName: 'Durand', email: 'camille@example.org', phone: null, address: null },
    now: '2026-12-01T00:00:00.000Z',
    ...changes,
  });

  beforeAll(async () => {
    infra = await openTestInfra();
    runner = new ProjectionRunner([programsProjection, givingDonationsProjection], {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      pollMs: 20,
    });
    runner.start();
    const program = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'Plans', settings: { ...DEFAULT_SETTINGS, cardFeeBasisPoints: 250, cardFeeFixed: 25 } },
      'admin',
    );
    programId = program.id;
    await runner.waitFor(program.position!, ['programs'], 5000);
    const campaign = await createCampaign(
      { store: infra.store, clock: systemClock },
      {
        title: 'Mensuel',
        description: '',
        slug: `mensuel-${randomUUID()}`,
        goal: 100_000,
        startAt: '2026-11-01T00:00:00.000Z',
        endAt: null,
        image: null,
        managers: [],
      },
      { tenantId: programId, actor: 'test' },
      { currency: 'EUR', baseUrl: 'https://give.example' },
    );
    campaignId = campaign.id;
  });
  afterAll(async () => {
    await runner.stop();
    await infra.close();
  });

  it('records once with the program’s fees and the plan id; a second call appends nothing and returns the first result', async () => {
    const donation = input();
    const context = { tenantId: programId, actor: 'billing' };
    const first = await recordDonation(infra, donation, context);
    // 2.50 % of 12.00 is 0.30, + 0.25: 0.55 covered on top.
    expect(first.events).toEqual([
      expect.objectContaining({
        type: 'DonationRecorded',
        data: expect.objectContaining({
          planId: 'plan-1',
          amount: 1255,
          fee: 55,
          feeCovered: 55,
          donated: 1200,
        }) as unknown,
      }),
    ]);
    const again = await recordDonation(infra, { ...donation, amount: 9999 }, context);
    expect(again.events).toEqual([]);
    expect(again.id).toBe(first.id);
    expect(again.version).toBe(first.version);
    expect(again.state).toEqual(first.state);
    expect(await infra.store.readStream(`donation-${donation.donationId}`)).toHaveLength(1);

    await runner.waitFor(first.position!, ['giving-donations'], 5000);
    expect(await findDonation(infra.knex, programId, donation.donationId)).toMatchObject({
      planId: 'plan-1',
      amount: 1255,
      status: 'succeeded',
      capturedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(await findCampaign(infra.knex, programId, campaignId)).toMatchObject({ raised: 1200, numberOfDonors: 1 });
  });

  it('records a failed charge as a failed transaction that raises nothing', async () => {
    const failed = await recordDonation(infra, input({ status: 'failed', chargeId: null }), {
      tenantId: programId,
      actor: 'billing',
    });
    await runner.waitFor(failed.position!, ['giving-donations'], 5000);
    expect(await findDonation(infra.knex, programId, failed.id)).toMatchObject({ status: 'failed', captured: false });
    expect(await findCampaign(infra.knex, programId, campaignId)).toMatchObject({ raised: 1200 });
  });

  it('refuses another program’s campaign and an archived one', async () => {
    const other = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'Other', settings: DEFAULT_SETTINGS },
      'admin',
    );
    await runner.waitFor(other.position!, ['programs'], 5000);
    await expect(recordDonation(infra, input(), { tenantId: other.id, actor: 'billing' })).rejects.toMatchObject({
      errorName: 'invalid_request',
    });
    await archiveCampaign({ store: infra.store, clock: systemClock }, campaignId, {
      tenantId: programId,
      actor: 'test',
    });
    const refused = recordDonation(infra, input(), { tenantId: programId, actor: 'billing' });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ errorName: 'operation_refused' });
  });
});
