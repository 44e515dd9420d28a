import { describe, expect, it } from 'vitest';
import { memberEvents } from '../../../src/domain/members/events.js';
import { perkEvents } from '../../../src/domain/perks/events.js';
import { WEBHOOK_EVENT_NAMES } from '../../../src/domain/webhooks/event-names.js';
import { memberWebhookPayloads } from '../../../src/http/members/members/webhooks.js';
import { perksWebhookSource } from '../../../src/http/perks/uses/webhooks.js';
import { samplePayload } from '../../../src/http/webhooks/samples/index.js';
import type { EventStore, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import type { WebhookSourceContext } from '../../../src/projections/webhooks/webhook-source.js';

/*
 * The bytes a receiver gets: each payload as JSON, compared with a committed file.
 * A refactor that changes a field, its order or its format fails here.
 */

const now = new Date('2026-11-22T10:00:00.000Z');
const ctx = { now, id: (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` };
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const file = (name: string): string => `./__snapshots__/payloads/${name}.json`;

describe('the webhook payload samples', () => {
  it.each(WEBHOOK_EVENT_NAMES)('when %s is sampled, then its JSON is byte-identical to its snapshot', async (name) => {
    await expect(json(samplePayload(name, ctx))).toMatchFileSnapshot(file(`sample.${name}`));
  });
});

const meta = {
  eventId: 'evt_1',
  createdAt: '2026-11-22T10:00:00.000Z',
  profile: { email: 'zaz@example.org', firstName: 'Zaz', lastName: 'Doe' },
  causeName: 'Ecolo Info',
};
const memberEventsByType = {
  MemberRegistered: memberEvents.MemberRegistered.parse({
    memberId: 'mem_1',
    programId: 'prg_1',
    profile: {
      email: 'zaz@example.org',
      firstName: 'Zaz',
      lastName: 'Doe',
      city: 'Bordeaux',
      zipcode: '33300',
      codePartner: 'GIFT3MONTH',
      birthday: null,
      street: null,
      phone: null,
    },
    passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaGhhc2hoYXNo',
    registeredAt: '2026-11-22T09:59:59.000Z',
  }),
  MemberSubscribed: memberEvents.MemberSubscribed.parse({
    memberId: 'mem_1',
    plan: 'Y',
    amount: 12000,
    currency: 'EUR',
    causeId: 'cause_9',
    subscribedAt: meta.createdAt,
  }),
  MemberSubscriptionStopped: memberEvents.MemberSubscriptionStopped.parse({
    memberId: 'mem_1',
    stoppedAt: meta.createdAt,
  }),
  SubscriptionCharged: memberEvents.SubscriptionCharged.parse({
    memberId: 'mem_1',
    donationId: 'don_1',
    chargeId: 'ch_1',
    plan: 'M',
    periodStart: '2026-11-22T10:00:00.000Z',
    periodEnd: '2026-12-22T10:00:00.000Z',
    amount: 1200,
    donation: 960,
    currency: 'EUR',
    causeId: 'cause_9',
    chargedAt: meta.createdAt,
  }),
  SubscriptionChargeFailed: memberEvents.SubscriptionChargeFailed.parse({
    memberId: 'mem_1',
    plan: 'M',
    periodStart: '2026-11-22T10:00:00.000Z',
    amount: 1200,
    currency: 'EUR',
    attempt: 0,
    code: 'card_declined',
    reason: 'declined',
    failedAt: meta.createdAt,
  }),
};

describe('the member webhook payloads built from events', () => {
  it.each(Object.entries(memberEventsByType))(
    'when %s is sent, then its payloads are byte-identical to their snapshot',
    async (type, data) => {
      await expect(json(memberWebhookPayloads({ type, data }, meta))).toMatchFileSnapshot(file(`event.${type}`));
    },
  );
});

const used = perkEvents.PerkUsed.parse({
  useId: 'use_1',
  perkId: 'perk_1',
  memberId: 'mem_1',
  businessId: 'biz_1',
  perkName: 'Un cookie offert',
  businessName: 'Label Terre',
  timesRemaining: 3,
  usedAt: '2026-11-21T10:00:00.000Z',
});
const feedback = perkEvents.PerkUseFeedbackGiven.parse({
  useId: 'use_1',
  perkId: 'perk_1',
  memberId: 'mem_1',
  businessId: 'biz_1',
  feedback: 'like',
  givenAt: '2026-11-22T09:00:00.000Z',
});
const recorded = (type: string, data: object, revision: bigint): RecordedEvent =>
  ({
    id: `evt_${revision}`,
    type,
    data,
    metadata: {},
    streamName: 'perk-perk_1',
    revision,
    createdAt: now,
  }) as unknown as RecordedEvent;
const perkStream = [recorded('PerkUsed', used, 0n), recorded('PerkUseFeedbackGiven', feedback, 1n)];
const perkContext = {
  store: { readStream: () => Promise.resolve(perkStream) } as unknown as EventStore,
  trx: undefined,
} as unknown as WebhookSourceContext;

describe('the use webhook payloads built from events', () => {
  it.each(perkStream.map((event) => [event.type, event] as const))(
    'when %s is sent, then its payloads are byte-identical to their snapshot',
    async (type, event) => {
      await expect(json(await perksWebhookSource.messages(event, perkContext))).toMatchFileSnapshot(
        file(`event.${type}`),
      );
    },
  );
});
