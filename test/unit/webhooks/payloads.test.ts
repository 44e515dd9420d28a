import { describe, expect, it } from 'vitest';
import { memberEvents } from '../../../src/domain/members/events.js';
import {
  GIVING_EVENTS,
  MEMBER_EVENTS,
  SEED_004_EVENTS,
  WEBHOOK_EVENT_NAMES,
  type WebhookEventName,
} from '../../../src/domain/webhooks/event-names.js';
import { memberWebhookPayloads } from '../../../src/http/members/members/webhooks.js';
import { formatMinor, webhookPayloadSchemas } from '../../../src/http/webhooks/payloads/index.js';
import { samplePayload } from '../../../src/http/webhooks/samples/index.js';
import { isoAt } from '../../../src/http/webhooks/samples/time.js';

const now = new Date('2026-11-22T10:00:00.000Z');
const uuidIds = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const plainIds = (n: number): string => `id_${n}`;
const ctx = { now, id: uuidIds };

const ENVELOPED = [...GIVING_EVENTS, ...MEMBER_EVENTS];
const keys = (value: unknown): string[] => Object.keys(value as object).sort();
const sorted = (names: string[]): string[] => [...names].sort();

describe('the webhook payload catalogue', () => {
  it('when listing the events, then every name has a schema and a sample, and nothing else has', () => {
    expect(sorted(Object.keys(webhookPayloadSchemas))).toEqual(sorted([...WEBHOOK_EVENT_NAMES]));
    for (const name of WEBHOOK_EVENT_NAMES) expect(samplePayload(name, ctx)).toBeTypeOf('object');
  });

  it.each(WEBHOOK_EVENT_NAMES)(
    'when %s is sampled, then the sample parses unchanged with its schema, whatever the ids look like',
    (name) => {
      for (const id of [uuidIds, plainIds]) {
        const sample = samplePayload(name, { now, id });
        expect(webhookPayloadSchemas[name].parse(sample)).toEqual(sample);
      }
    },
  );

  it.each(SEED_004_EVENTS)('when %s is sampled, then it names its event in `event`, as seed 004 does', (name) => {
    expect(samplePayload(name, ctx)).toMatchObject({ event: name });
  });

  it.each(ENVELOPED)('when %s is sampled, then it is the envelope {id, type, created_at, data}', (name) => {
    const sample = samplePayload(name, ctx) as { id: string; type: string; created_at: string; data: object };
    expect(keys(sample)).toEqual(['created_at', 'data', 'id', 'type']);
    expect(sample).toMatchObject({ id: uuidIds(1), type: name, created_at: now.toISOString() });
    expect(sample.data).toBeTypeOf('object');
  });

  it('when sampled twice with the same now and ids, then the samples are equal; another now moves the dates', () => {
    for (const name of WEBHOOK_EVENT_NAMES) {
      expect(JSON.stringify(samplePayload(name, { now, id: uuidIds }))).toBe(
        JSON.stringify(samplePayload(name, { now, id: uuidIds })),
      );
    }
    const later = samplePayload('customer_subscription', { now: new Date('2027-03-01T08:30:00.000Z'), id: uuidIds });
    expect(later.registrationDate).toBe('2027-03-01T08:30:00.000Z');
    expect(samplePayload('customer_subscription', ctx).registrationDate).toBe(now.toISOString());
  });
});

describe('seed 004 field names, literally', () => {
  it('customer_creation and customer_subscription', () => {
    expect(keys(samplePayload('customer_creation', ctx))).toEqual(
      sorted(['event', 'customerExternalId', 'customerId', 'shoppingHubId', 'shoppingHubExternalId']),
    );
    const subscriptionFields = [
      'event',
      'customerExternalId',
      'status',
      'customerId',
      'credentialsPreviouslyUsed',
      'registrationDate',
    ];
    const subscriptionRest = [
      'transactionsEligibleFromDate',
      'dataProviderType',
      'shoppingHubId',
      'shoppingHubExternalId',
    ];
    expect(keys(samplePayload('customer_subscription', ctx))).toEqual(
      sorted([...subscriptionFields, ...subscriptionRest]),
    );
  });

  it('customer_transactions holds several transactions in one array, each with the seed fields', () => {
    const sample = samplePayload('customer_transactions', ctx);
    expect(keys(sample)).toEqual(sorted(['event', 'transactions', 'shoppingHubId', 'shoppingHubExternalId']));
    expect(Array.isArray(sample.transactions)).toBe(true);
    expect(sample.transactions.length).toBeGreaterThanOrEqual(2);
    for (const transaction of sample.transactions) {
      const transactionFields = [
        'id',
        'amount',
        'currency',
        'purchaseDate',
        'dateBankingStatement',
        'customerId',
        'customerExternalId',
      ];
      expect(keys(transaction)).toEqual(
        sorted([...transactionFields, 'purchaseLocation', 'dataProviderType', 'receiptId', 'timeOfPurchase']),
      );
      expect(keys(transaction.purchaseLocation)).toEqual(['externalId', 'id', 'type']);
      expect(transaction.amount).toBeTypeOf('number');
    }
    expect(new Set(sample.transactions.map((t) => t.id)).size).toBe(sample.transactions.length);
  });

  it('receipt_updated, cashback_method_updated, cashbacks_updated, store_list_updated', () => {
    expect(keys(samplePayload('receipt_updated', ctx))).toEqual(
      sorted([
        'event',
        'receiptId',
        'status',
        'customerId',
        'customerExternalId',
        'shoppingHubId',
        'shoppingHubExternalId',
        'rejectionReason',
      ]),
    );
    expect(keys(samplePayload('cashback_method_updated', ctx))).toEqual(
      sorted(['event', 'customerId', 'customerExternalId', 'status', 'shoppingHubId', 'shoppingHubExternalId']),
    );
    const cashbacks = samplePayload('cashbacks_updated', ctx);
    expect(keys(cashbacks)).toEqual(
      sorted(['event', 'cashbacks', 'customerId', 'customerExternalId', 'shoppingHubId', 'shoppingHubExternalId']),
    );
    expect(keys(cashbacks.cashbacks[0])).toEqual(['externalId', 'status', 'transferId']);
    expect(keys(samplePayload('store_list_updated', ctx))).toEqual(
      sorted(['event', 'requestId', 'result', 'shoppingHubId', 'shoppingHubExternalId']),
    );
  });

  it('the bank events', () => {
    const v1 = samplePayload('bank_connections_update', ctx);
    expect(keys(v1)).toEqual(
      sorted(['event', 'customer', 'connectionsInError', 'shoppingHubId', 'shoppingHubExternalId']),
    );
    expect(keys(v1.customer)).toEqual(sorted(['id', 'externalId', 'connectionsOn', 'connectionsOff']));
    expect(keys(v1.connectionsInError[0])).toEqual(sorted(['id', 'errorCode', 'errorMessage', 'bank']));
    const v2 = samplePayload('bank_connections_update_v2', ctx);
    expect(keys(v2)).toEqual(
      sorted(['event', 'eventType', 'customer', 'connection', 'shoppingHubId', 'shoppingHubExternalId']),
    );
    expect(keys(v2.customer)).toEqual(sorted(['id', 'externalId', 'connectionsOn', 'connectionsOff', 'connections']));
    expect(keys(v2.connection)).toEqual(
      sorted(['id', 'errorCode', 'errorMessage', 'bank', 'transactionsEligibleFromDate', 'consentExpiresAt']),
    );
    expect(keys(samplePayload('bank_association_notification', ctx))).toEqual(
      sorted(['event', 'eventType', 'shoppingHubExternalId', 'shoppingHubId', 'bank']),
    );
    expect(keys(samplePayload('bank_status_update', ctx).bank)).toEqual(['active', 'id', 'name']);
  });

  it('claim_update, offer_updated, reward_updated', () => {
    const claim = samplePayload('claim_update', ctx);
    expect(keys(claim)).toEqual(['claim', 'customer', 'event', 'eventType']);
    expect(keys(claim.claim)).toEqual(
      sorted([
        'id',
        'amount',
        'store',
        'storeId',
        'storeExternalId',
        'status',
        'rejectionReason',
        'code',
        'date',
        'transactionId',
        'transactionDate',
      ]),
    );
    const offerFields = [
      'id',
      'startDate',
      'endDate',
      'name',
      'teaser',
      'offerType',
      'rewardType',
      'rewardLabel',
      'rewardValue',
      'conditionLabel',
      'conditionValue',
    ];
    expect(keys(samplePayload('offer_updated', ctx).offer)).toEqual(sorted([...offerFields, 'status', 'active']));
    const reward = samplePayload('reward_updated', ctx);
    expect(keys(reward)).toEqual(
      sorted(['event', 'shoppingHubExternalId', 'shoppingHubId', 'customer', 'reward', 'offer']),
    );
    expect(keys(reward.reward)).toEqual(['id', 'offerId', 'status']);
    expect(keys(reward.offer)).toEqual(sorted([...offerFields, 'status']));
  });

  it("when given the seed's own examples (JSON typos mended), then the schemas accept them", () => {
    const hub = { shoppingHubId: 'f24b4d97-8d70-4133-b685-732c69b87884', shoppingHubExternalId: '654564561' };
    const examples: [WebhookEventName, unknown][] = [
      [
        'customer_subscription',
        {
          event: 'customer_subscription',
          customerExternalId: '43213424',
          status: 'creation',
          customerId: 'c84c33cf-62c6-4a44-8692-973cc0cc420c',
          credentialsPreviouslyUsed: false,
          registrationDate: '2020-07-13T11:34:41+01:00',
          transactionsEligibleFromDate: '2020-07-13T11:34:41+01:00',
          dataProviderType: 'bank',
          ...hub,
        },
      ],
      [
        'receipt_updated',
        {
          event: 'receipt_updated',
          receiptId: 'd7d4bad0-f7c0-4427-9305-fa5c9394e211',
          status: 'rejected',
          customerId: 'c84c33cf-62c6-4a44-8692-973cc0cc420c',
          customerExternalId: '87316292',
          ...hub,
          rejectionReason: 'incomplete',
        },
      ],
      [
        'cashbacks_updated',
        {
          event: 'cashbacks_updated',
          cashbacks: [{ status: 'RECEIVED', transferId: '8494514', externalId: 'AEF874113C' }],
          customerId: 'c84c33cf-62c6-4a44-8692-973cc0cc420c',
          customerExternalId: '87316292',
          ...hub,
        },
      ],
      [
        'store_list_updated',
        {
          event: 'store_list_updated',
          requestId: 'wp302492039482039482',
          result: 'failed',
          resultDetail: "Only one request can be treated at a time, we'll integrate only the most recent",
          ...hub,
        },
      ],
      [
        'claim_update',
        {
          event: 'claim_update',
          eventType: 'rejected',
          customer: { id: '398f0b39-c205-4fb2-a225-70e042df3fdb', externalId: '4564564564654' },
          claim: {
            id: 'b73dbe2b-b1d6-46f0-8e0c-3ff122de3c62',
            amount: '-12.00',
            store: 'ARMAND THIERY',
            storeId: '85536c27-ba78-4c00-ab66-f7c4a7d04faf',
            storeExternalId: '29894111110',
            status: 'rejected',
            rejectionReason: 'The store is out of program',
            code: 'STORE_OUT_OF_PROGRAM',
            date: '2021-10-08T06:50:40.479Z',
            transactionId: null,
            transactionDate: '2021-10-01',
          },
        },
      ],
      [
        'bank_association_notification',
        {
          event: 'bank_association_notification',
          eventType: 'DELETE',
          shoppingHubExternalId: '3145',
          shoppingHubId: '492f0b39-c205-4fb2-a225-70e042df3fdb',
          bank: { id: '398f0b39-c205-4fb2-a225-70e042df3fdb', name: 'Société Générale', active: true },
        },
      ],
    ];
    for (const [name, example] of examples)
      expect(webhookPayloadSchemas[name].safeParse(example).success, name).toBe(true);
  });

  it('when a payload strays from the seed, then its schema refuses it', () => {
    const cashbackMethod = samplePayload('cashback_method_updated', ctx);
    expect(
      webhookPayloadSchemas.cashback_method_updated.safeParse({ ...cashbackMethod, event: 'cahsback_method_updated' })
        .success,
    ).toBe(false);
    expect(
      webhookPayloadSchemas.customer_creation.safeParse({
        ...samplePayload('customer_creation', ctx),
        customerExternalID: 'x',
      }).success,
    ).toBe(false);
    const claim = samplePayload('claim_update', ctx);
    expect(
      webhookPayloadSchemas.claim_update.safeParse({ ...claim, claim: { ...claim.claim, amount: '-12' } }).success,
    ).toBe(false);
    expect(
      webhookPayloadSchemas.customer_transactions.safeParse({
        ...samplePayload('customer_transactions', ctx),
        transactions: [],
      }).success,
    ).toBe(false);
  });
});

describe('seed 002 and member envelopes', () => {
  it('when a donation is sampled, then its data carries the Transaction object fields, money as two-decimal strings', () => {
    const { data } = samplePayload('donation.created', ctx);
    for (const field of [
      'id',
      'campaign_id',
      'plan_id',
      'team_id',
      'user_id',
      'first_name',
      'last_name',
      'email',
      'phone',
      'address',
      'status',
      'method',
      'amount',
      'fee',
      'fee_covered',
      'donated',
      'payout',
      'currency',
      'created_at',
      'captured',
      'captured_at',
      'refunded',
      'refunded_at',
      'line_items',
      'giving_space',
      'utm',
    ]) {
      expect(data).toHaveProperty(field);
    }
    for (const money of [data.amount, data.fee, data.fee_covered, data.donated, data.payout])
      expect(money).toMatch(/^\d+\.\d{2}$/);
    expect(samplePayload('donation.refunded', ctx).data).toMatchObject({
      refunded: true,
      refunded_at: now.toISOString(),
    });
    expect(samplePayload('donation.deleted', ctx).data).toMatchObject({ method: 'check', payout: '0.00' });
  });

  it('when a campaign is sampled, then its data carries the Campaign object fields', () => {
    const { data } = samplePayload('campaign.created', ctx);
    for (const field of [
      'id',
      'title',
      'description',
      'slug',
      'goal',
      'raised',
      'number_of_donors',
      'end_at',
      'start_at',
      'url',
      'image',
      'created_at',
      'updated_at',
      'managers',
    ]) {
      expect(data).toHaveProperty(field);
    }
  });
});

describe('member domain events to webhook payloads', () => {
  const meta = { eventId: 'evt_1', createdAt: '2026-11-22T10:00:00.000Z' };
  const passwordHash = 'scrypt$16384$8$1$c2FsdA$aGFzaGhhc2hoYXNo';
  const tokenDigest = 'a'.repeat(64);
  const registered = {
    type: 'MemberRegistered',
    data: memberEvents.MemberRegistered.parse({
      memberId: 'mem_1',
      programId: 'prg_1',
      profile: {
        email: 'zaz@example.org',
        firstName: 'Zaz',
        lastName: 'Doe',
        city: 'Bordeaux',
        zipcode: '33300',
        codePartner: null,
        birthday: '1981-01-01',
        street: 'Rue Marsan',
        phone: '+33612345678',
      },
      passwordHash,
      registeredAt: '2026-11-22T09:59:59.000Z',
    }),
  };

  it('when a member registers, then member.registered carries the minimal profile and no password hash', () => {
    const payloads = memberWebhookPayloads(registered, meta);
    expect(payloads).toHaveLength(1);
    const [{ name, payload }] = payloads as [(typeof payloads)[number]];
    expect(name).toBe('member.registered');
    expect(webhookPayloadSchemas['member.registered'].parse(payload)).toEqual(payload);
    expect(payload).toEqual({
      id: 'evt_1',
      type: 'member.registered',
      created_at: meta.createdAt,
      data: {
        id: 'mem_1',
        email: 'zaz@example.org',
        first_name: 'Zaz',
        last_name: 'Doe',
        city: 'Bordeaux',
        zipcode: '33300',
        code_partner: null,
        member: false,
        created_at: '2026-11-22T09:59:59.000Z',
      },
    });
    const json = JSON.stringify(payloads);
    for (const secret of ['passwordHash', passwordHash, 'birthday', 'phone', 'street', 'programId'])
      expect(json).not.toContain(secret);
  });

  it('when a member subscribes, then member.subscription_changed shows the plan and the amount as "12.00"', () => {
    const event = {
      type: 'MemberSubscribed',
      data: memberEvents.MemberSubscribed.parse({
        memberId: 'mem_1',
        plan: 'M',
        amount: 1200,
        currency: 'EUR',
        causeId: 'cause_9',
        subscribedAt: meta.createdAt,
      }),
    };
    const payloads = memberWebhookPayloads(event, {
      ...meta,
      profile: { email: 'zaz@example.org', firstName: 'Zaz', lastName: 'Doe' },
    });
    expect(payloads).toEqual([
      {
        name: 'member.subscription_changed',
        payload: {
          id: 'evt_1',
          type: 'member.subscription_changed',
          created_at: meta.createdAt,
          data: {
            id: 'mem_1',
            email: 'zaz@example.org',
            first_name: 'Zaz',
            last_name: 'Doe',
            member: true,
            subscription: 'M',
            amount: '12.00',
            currency: 'EUR',
            cause_attributes: { id: 'cause_9' },
          },
        },
      },
    ]);
  });

  it('when a subscription stops, then member.subscription_changed shows no plan; without a profile, no name', () => {
    const event = {
      type: 'MemberSubscriptionStopped',
      data: memberEvents.MemberSubscriptionStopped.parse({ memberId: 'mem_1', stoppedAt: meta.createdAt }),
    };
    const [only] = memberWebhookPayloads(event, meta);
    expect(only?.payload.data).toEqual({
      id: 'mem_1',
      member: false,
      subscription: null,
      amount: null,
      currency: null,
    });
  });

  it('when the event maps to no webhook (sign-in, sign-out, profile update, another context), then there is none, and no token digest leaks', () => {
    const signedIn = {
      type: 'MemberSignedIn',
      data: memberEvents.MemberSignedIn.parse({
        memberId: 'mem_1',
        sessionId: 's_1',
        tokenDigest,
        method: 'password',
        signedInAt: meta.createdAt,
      }),
    };
    expect(memberWebhookPayloads(signedIn, meta)).toEqual([]);
    expect(
      memberWebhookPayloads(
        { type: 'MemberSignedOut', data: { memberId: 'mem_1', sessionId: 's_1', signedOutAt: meta.createdAt } },
        meta,
      ),
    ).toEqual([]);
    expect(
      memberWebhookPayloads(
        {
          type: 'MemberProfileUpdated',
          data: { memberId: 'mem_1', changes: { city: 'Pau' }, updatedAt: meta.createdAt },
        },
        meta,
      ),
    ).toEqual([]);
    expect(memberWebhookPayloads({ type: 'ProgramCreated', data: {} }, meta)).toEqual([]);
    const all = [registered, signedIn].flatMap((event) => memberWebhookPayloads(event, meta));
    expect(JSON.stringify(all)).not.toMatch(/tokenDigest|passwordHash|a{64}/);
  });

  it('when the member samples are drawn, then they hold no password hash or token digest either', () => {
    const json = JSON.stringify(WEBHOOK_EVENT_NAMES.map((name) => samplePayload(name, ctx)));
    expect(json).not.toMatch(/passwordHash|tokenDigest|password/i);
  });
});

describe('sample arithmetic', () => {
  it('when epoch milliseconds are formatted, then they read as Date#toISOString writes them', () => {
    for (const ms of [
      0, 951_782_400_000, 1_709_164_799_999, 1_795_000_000_123, 4_102_444_800_000, -86_400_001, 253_402_300_799_999,
    ]) {
      expect(isoAt(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('when minor units are formatted, then they read with two decimals', () => {
    expect([formatMinor(1200), formatMinor(5), formatMinor(-1053), formatMinor(0)]).toEqual([
      '12.00',
      '0.05',
      '-10.53',
      '0.00',
    ]);
  });
});
