import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressFields, businessFields, perkFields } from '../../../src/domain/perks/events.js';
import { perksProjection } from '../../../src/projections/perks/catalogue.js';
import { usesWithoutFeedback } from '../../../src/projections/perks/for-members.js';
import { addressesOf, findBusiness, findPerk, findUse } from '../../../src/projections/perks/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';

const NOW = '2026-11-22T10:00:00.000Z';

const at = (streamName: string, revision: number, type: string, data: object) =>
  recorded(type, data, { stream: streamName, revision, createdAt: NOW });

describe('the perks projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  it('applies each event once: an event seen again (a replay) changes nothing, counters included', async () => {
    const [programId, businessId, perkId, useId, memberId, a1, a2] = Array.from({ length: 7 }, () => randomUUID()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const business = `business-${businessId}`;
    const perk = `perk-${perkId}`;
    const events = [
      at(business, 0, 'BusinessCreated', {
        businessId,
        programId,
        fields: businessFields.parse({ name: 'Origines' }),
        createdAt: NOW,
      }),
      at(business, 1, 'BusinessAddressAdded', {
        businessId,
        addressId: a1,
        address: addressFields.parse({ latitude: 44.85, longitude: -0.57, main: true }),
        addedAt: NOW,
      }),
      at(business, 2, 'BusinessAddressAdded', {
        businessId,
        addressId: a2,
        address: addressFields.parse({ latitude: 44.9, longitude: -0.6, main: true }),
        addedAt: NOW,
      }),
      at(business, 3, 'BusinessUpdated', { businessId, changes: { name: 'Origines Tea & Coffee' }, updatedAt: NOW }),
      at(perk, 0, 'PerkCreated', {
        perkId,
        programId,
        businessId,
        fields: perkFields.parse({ name: 'Flash', flash: true, times: 2 }),
        createdAt: NOW,
      }),
      at(perk, 1, 'PerkUsed', {
        useId,
        perkId,
        memberId,
        businessId,
        perkName: 'Flash',
        businessName: 'Origines',
        timesRemaining: 1,
        usedAt: NOW,
      }),
      at(perk, 2, 'PerkUseFeedbackGiven', { useId, perkId, memberId, businessId, feedback: 'like', givenAt: NOW }),
      at(perk, 3, 'PerkUpdated', { perkId, changes: { offer: 'Offert' }, updatedAt: NOW }),
    ];
    for (const round of [1, 2]) {
      await applyToDb(infra.knex, perksProjection, events);
      expect(await findBusiness(infra.knex, programId, businessId), `round ${round}`).toMatchObject({
        name: 'Origines Tea & Coffee',
        like_count: 1,
        unlike_count: 0,
        version: '3',
      });
      expect((await addressesOf(infra.knex, [businessId])).map((a) => [a.id, a.main])).toEqual([
        [a2, true],
        [a1, false],
      ]);
      expect(await findPerk(infra.knex, programId, perkId)).toMatchObject({
        times_remaining: 1,
        offer: 'Offert',
        name: 'Flash',
        version: '3',
      });
      expect(await findUse(infra.knex, programId, useId)).toMatchObject({
        feedback: 'like',
        member_id: memberId,
        perk_name: 'Flash',
      });
      expect(await usesWithoutFeedback(infra.knex, programId, memberId)).toEqual([]);
    }
  });
});
