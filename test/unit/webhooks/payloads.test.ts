import { describe, expect, it } from 'vitest';
import {
  GIVING_EVENTS,
  MEMBER_EVENTS,
  SEED_004_EVENTS,
  WEBHOOK_EVENT_NAMES,
} from '../../../src/domain/webhooks/event-names.js';
import { formatMinor, webhookPayloadSchemas } from '../../../src/http/webhooks/payloads/index.js';
import { samplePayload } from '../../../src/http/webhooks/samples/index.js';
import { isoAt } from '../../../src/http/webhooks/samples/time.js';
import { ctx, keys, now, plainIds, sorted, uuidIds } from './sample-context.js';

const ENVELOPED = [...GIVING_EVENTS, ...MEMBER_EVENTS];

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
