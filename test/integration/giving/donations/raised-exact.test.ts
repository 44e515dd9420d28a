import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDecider } from '../../../../src/domain/giving/campaigns/campaign.js';
import { donationDecider, type RecordDonationData } from '../../../../src/domain/giving/donations/donation.js';
import type { DomainEvent } from '../../../../src/domain/shared/decider.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import type { JsonObject, RecordedEvent } from '../../../../src/platform/eventstore/types.js';
import { givingDonationsProjection } from '../../../../src/projections/giving/donations/projection.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

/*
 * 10 runs × 1,000 random donations (amounts from 0.01 to 10 million, every method,
 * cover_fee or not, fee settings from 0 % to 100 % and 0.00 to 10.00 fixed, declined
 * and pledged cards), with refunds and deletions, decided by the donation decider and
 * applied by the real projection in PostgreSQL: each campaign's `raised` is the exact
 * integer sum (checked with BigInt) and `number_of_donors` the distinct donors, also
 * after a replay of events already applied.
 */

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const NOW = '2026-11-22T10:00:00.000Z';
const EMAILS = [
  'a@example.org',
  'b@example.org',
  'C@example.org',
  'c@example.org',
  'd@example.org',
  'e@example.org',
  'f@example.org',
];

const operation = fc.record({
  campaign: fc.integer({ min: 0, max: 2 }),
  gift: fc.oneof(
    fc.integer({ min: 1, max: 500 }),
    fc.integer({ min: 1, max: 100_000 }),
    fc.integer({ min: 1, max: 1_000_000_000 }),
  ),
  method: fc.constantFrom('card' as const, 'check' as const, 'cash' as const),
  coverFee: fc.boolean(),
  payment: fc.constantFrom(
    'succeeded' as const,
    'succeeded' as const,
    'succeeded' as const,
    'failed' as const,
    'authorized' as const,
  ),
  email: fc.constantFrom(...EMAILS),
  refund: fc.boolean(),
  remove: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const run = fc.record({
  basisPoints: fc.oneof(fc.constant(290), fc.integer({ min: 0, max: 10_000 })),
  fixed: fc.oneof(fc.constant(30), fc.integer({ min: 0, max: 1000 })),
  operations: fc.array(operation, { minLength: 1000, maxLength: 1000 }),
});

/** The fee model restated in BigInt, independently of fees.ts. */
function expectedDonated(
  o: { gift: number; method: string; coverFee: boolean },
  basisPoints: number,
  fixed: number,
): bigint {
  if (o.method !== 'card' || o.coverFee) return BigInt(o.gift);
  return BigInt(o.gift) - ((BigInt(o.gift) * BigInt(basisPoints) + 5000n) / 10_000n + BigInt(fixed));
}

describe('campaign totals are exact', () => {
  let infra: TestInfra;
  let sequence = 0n;
  beforeAll(async () => {
    // The test database comes migrated, read models included.
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  const recorded = (stream: string, revision: bigint, event: DomainEvent): RecordedEvent => {
    sequence += 1n;
    return {
      id: randomUUID(),
      type: event.type,
      streamName: stream,
      revision,
      position: { commit: sequence, prepare: sequence },
      data: event.data as JsonObject,
      metadata: { tenantId: PROGRAM },
      createdAt: new Date(NOW),
    };
  };

  async function apply(knex: Knex, events: readonly RecordedEvent[]): Promise<void> {
    await knex.transaction(async (trx) => {
      for (const event of events) await givingDonationsProjection.apply(trx, event);
    });
  }

  it(
    'raised is the exact integer sum of what succeeded, unrefunded, undeleted donations gave',
    { timeout: 180_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(run, async ({ basisPoints, fixed, operations }) => {
          const campaignIds = [randomUUID(), randomUUID(), randomUUID()];
          const events: RecordedEvent[] = [];
          for (const [i, campaignId] of campaignIds.entries()) {
            const details = {
              title: `c${i}`,
              description: '',
              slug: `s-${campaignId}`,
              goal: 100,
              startAt: NOW,
              endAt: null,
              url: 'https://x',
              image: null,
              managers: [],
            };
            const [created] = campaignDecider.decide(
              { type: 'CreateCampaign', data: { campaignId, programId: PROGRAM, currency: 'EUR', details, now: NOW } },
              campaignDecider.initialState(),
            );
            events.push(recorded(`campaign-${campaignId}`, 0n, created!));
          }
          const expected = campaignIds.map(() => ({ raised: 0n, donors: new Set<string>() }));
          for (const op of operations) {
            const donationId = randomUUID();
            const data: RecordDonationData = {
              donationId,
              programId: PROGRAM,
              campaignId: campaignIds[op.campaign]!,
              campaign: { programId: PROGRAM, archived: false, currency: 'EUR' },
              programCurrency: 'EUR',
              fees: { basisPoints, fixed },
              gift: op.gift,
              currency: 'EUR',
              method: op.method,
              coverFee: op.coverFee,
              paymentStatus: op.method === 'card' ? op.payment : 'succeeded',
              chargeId: null,
              supporter: { firstName: 'A', lastName: 'B', email: op.email, phone: null, address: null },
              lineItems: [],
              defaultLineItemId: randomUUID(),
              utm: null,
              givingSpace: null,
              planId: null,
              teamId: null,
              userId: null,
              now: NOW,
            };
            let state = donationDecider.initialState();
            const stream = `donation-${donationId}`;
            let revision = 0n;
            const run = (command: Parameters<typeof donationDecider.decide>[0]) => {
              for (const event of donationDecider.decide(command, state)) {
                state = donationDecider.evolve(state, event);
                events.push(recorded(stream, revision++, event));
              }
            };
            try {
              run({ type: 'RecordDonation', data });
            } catch (error) {
              // An uncovered card gift that does not exceed its fee is refused: nothing recorded, nothing counted.
              expect(error).toBeInstanceOf(DomainError);
              expect(expectedDonated(op, basisPoints, fixed) <= 0n).toBe(true);
              continue;
            }
            const succeeded = data.paymentStatus === 'succeeded';
            if (op.refund && succeeded)
              run({ type: 'RefundDonation', data: { programId: PROGRAM, refundId: null, now: NOW } });
            if (op.remove) run({ type: 'DeleteDonation', data: { programId: PROGRAM, now: NOW } });
            if (succeeded && !op.refund && !op.remove) {
              expected[op.campaign]!.raised += expectedDonated(op, basisPoints, fixed);
              expected[op.campaign]!.donors.add(op.email.toLowerCase());
            }
          }
          await apply(infra.knex, events);
          // Replaying events already applied (a crash before the checkpoint) changes nothing.
          await apply(
            infra.knex,
            events.filter((_, i) => i % 20 === 0),
          );
          const rows = await infra
            .knex('rm_giving_campaigns')
            .whereIn('id', campaignIds)
            .select<Array<{ id: string; raised: string; number_of_donors: number }>>(
              'id',
              'raised',
              'number_of_donors',
            );
          for (const [i, campaignId] of campaignIds.entries()) {
            const row = rows.find((r) => r.id === campaignId)!;
            expect(BigInt(row.raised)).toBe(expected[i]!.raised);
            expect(row.number_of_donors).toBe(expected[i]!.donors.size);
          }
        }),
        { numRuns: 10 },
      );
    },
  );
});
