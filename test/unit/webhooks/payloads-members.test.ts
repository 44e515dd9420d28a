import { describe, expect, it } from 'vitest';
import { memberEvents } from '../../../src/domain/members/events.js';
import { WEBHOOK_EVENT_NAMES } from '../../../src/domain/webhooks/event-names.js';
import { memberWebhookPayloads } from '../../../src/http/members/members/webhooks.js';
import { webhookPayloadSchemas } from '../../../src/http/webhooks/payloads/index.js';
import { samplePayload } from '../../../src/http/webhooks/samples/index.js';
import { ctx } from './sample-context.js';

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
