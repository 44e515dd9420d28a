import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberEvent } from '../../../src/domain/members/events.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { dueSubscriptions } from '../../../src/projections/members/donations.js';
import { membersProjection } from '../../../src/projections/members/members.js';
import { findProfile } from '../../../src/projections/members/profile-extras.js';
import { findMember, isActiveMember } from '../../../src/projections/members/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';

/* One case per billing event type the members projection handles, each applied twice: a replay changes nothing. */

describe('the members projection: billing, donations, invitations', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  const memberId = randomUUID();
  const at = '2027-01-31T10:00:00.000Z';

  const recordedOnMember = (event: MemberEvent): RecordedEvent =>
    recorded(event.type, event.data, { stream: `member-${memberId}`, tenantId: programId, createdAt: at });
  const applyTwice = async (event: MemberEvent) => {
    await applyToDb(infra.knex, membersProjection, [recordedOnMember(event)], { replayed: true });
  };
  const row = async () => (await findMember(infra.knex, programId, memberId))!;
  const extras = async (program = programId, member = memberId) =>
    (await findProfile(infra.knex, program, member))!.extras;
  const profile = {
    email: 'p@example.org',
    firstName: 'P',
    lastName: 'Q',
    city: 'Pau',
    zipcode: '64000',
    codePartner: null,
    birthday: null,
    street: null,
    phone: null,
    picture: null,
  };

  beforeAll(async () => {
    infra = await openTestInfra();
    await applyTwice({
      type: 'MemberRegistered',
      data: { memberId, programId, profile, passwordHash: 'scrypt$x', registeredAt: at },
    });
    await applyTwice({
      type: 'MemberSubscribed',
      data: { memberId, plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', subscribedAt: at },
    });
  });
  afterAll(() => infra.close());

  const charged = (donationId: string, periodStart: string, periodEnd: string): MemberEvent => ({
    type: 'SubscriptionCharged',
    data: {
      memberId,
      donationId,
      chargeId: 'ch',
      plan: 'M',
      periodStart,
      periodEnd,
      amount: 1200,
      donation: 960,
      currency: 'EUR',
      causeId: 'c1',
      chargedAt: periodStart,
    },
  });

  it('when a period is charged, then one donation row, the cause total and the next due date follow', async () => {
    await applyTwice(charged(randomUUID(), at, '2027-02-28T10:00:00.000Z'));
    expect((await extras()).donations).toHaveLength(1);
    expect((await extras()).causeTotal).toBe(960);
    // A member of another program giving to a cause of the same id counts none of it.
    const elsewhere = { programId: randomUUID(), memberId: randomUUID() };
    await applyTwice({
      type: 'MemberRegistered',
      data: {
        ...elsewhere,
        profile: { ...profile, email: 'e@example.org' },
        passwordHash: 'scrypt$x',
        registeredAt: at,
      },
    });
    await applyTwice({
      type: 'MemberSubscribed',
      data: { memberId: elsewhere.memberId, plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', subscribedAt: at },
    });
    expect((await extras(elsewhere.programId, elsewhere.memberId)).causeTotal).toBe(0);
    expect((await row()).nextDueAt?.toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(await dueSubscriptions(infra.knex, new Date('2027-02-28T09:59:59.000Z'))).toEqual([]);
    expect(await dueSubscriptions(infra.knex, new Date('2027-02-28T10:00:00.000Z'))).toEqual([
      { memberId, programId, dueAt: new Date('2027-02-28T10:00:00.000Z'), attempt: 0 },
    ]);
    expect(await isActiveMember(infra.knex, programId, memberId)).toBe(true);
  });

  it('when a renewal is declined, then the member is past due and not active; a later charge clears it', async () => {
    const failed: MemberEvent = {
      type: 'SubscriptionChargeFailed',
      data: {
        memberId,
        plan: 'M',
        periodStart: '2027-02-28T10:00:00.000Z',
        amount: 1200,
        currency: 'EUR',
        attempt: 0,
        code: 'card_declined',
        reason: 'no',
        failedAt: '2027-02-28T11:00:00.000Z',
      },
    };
    await applyTwice(failed);
    expect(await row()).toMatchObject({ pastDue: true, pastDueSince: new Date('2027-02-28T11:00:00.000Z') });
    // Tried again a day after the decline, not on every tick before.
    expect(await dueSubscriptions(infra.knex, new Date('2027-03-01T00:00:00.000Z'))).toEqual([]);
    expect((await dueSubscriptions(infra.knex, new Date('2027-03-01T11:00:00.000Z')))[0]?.attempt).toBe(1);
    // A new card given after the decline is tried at the next tick.
    await infra.knex('gs_member_payment_methods').insert({
      member_id: memberId,
      program_id: programId,
      sealed_token: 'v1.sealed',
      updated_at: new Date('2027-02-28T12:00:00.000Z'),
    });
    expect(await dueSubscriptions(infra.knex, new Date('2027-02-28T12:01:00.000Z'))).toHaveLength(1);
    expect(await isActiveMember(infra.knex, programId, memberId)).toBe(false);
    await applyTwice(charged(randomUUID(), '2027-02-28T10:00:00.000Z', '2027-03-31T10:00:00.000Z'));
    expect(await row()).toMatchObject({ pastDue: false, pastDueSince: null });
    expect((await extras()).causeTotal).toBe(1920);
  });

  it('when contacts are recorded (and replayed), then they are counted once; a sponsor code is kept', async () => {
    const contact = { email: null, firstName: 'A', lastName: 'B', city: 'C', phone: '0' };
    await applyTwice({ type: 'ContactsRecorded', data: { memberId, contacts: [contact, contact], recordedAt: at } });
    await applyTwice({ type: 'SponsorCodeIssued', data: { memberId, code: 'GOODSPONSORAB', issuedAt: at } });
    expect(await row()).toMatchObject({ nbContacts: 2, sponsorCode: 'GOODSPONSORAB' });
  });

  it('when the subscription stops, then nothing is due and the member is not active', async () => {
    await applyTwice({ type: 'MemberSubscriptionStopped', data: { memberId, stoppedAt: at } });
    expect(await row()).toMatchObject({ subscription: null, pastDue: false, nextDueAt: null });
    expect(await dueSubscriptions(infra.knex, new Date('2030-01-01T00:00:00.000Z'))).toEqual([]);
    expect(await isActiveMember(infra.knex, programId, memberId)).toBe(false);
  });
  it('when a page mixes registrations and updates, then applying it as a batch gives the rows that applying each event gives', async () => {
    const program = randomUUID();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const profile = (n: number) => ({
      email: `b${n}-${program}@example.org`,
      firstName: 'B',
      lastName: String(n),
      city: 'Dax',
      zipcode: '40100',
      codePartner: n === 2 ? 'LABEL' : null,
      birthday: null,
      street: null,
      phone: null,
      picture: null,
    });
    const page = (members: string[]): RecordedEvent[] =>
      [
        {
          type: 'MemberRegistered',
          memberId: members[0]!,
          data: {
            memberId: members[0]!,
            programId: program,
            profile: profile(0),
            passwordHash: 'scrypt$0',
            registeredAt: at,
          },
        },
        {
          type: 'MemberRegistered',
          memberId: members[1]!,
          data: {
            memberId: members[1]!,
            programId: program,
            profile: profile(1),
            passwordHash: 'scrypt$1',
            registeredAt: at,
          },
        },
        {
          type: 'MemberProfileUpdated',
          memberId: members[0]!,
          data: { memberId: members[0]!, changes: { city: 'Mont-de-Marsan' }, updatedAt: at },
        },
        {
          type: 'MemberRegistered',
          memberId: members[2]!,
          data: {
            memberId: members[2]!,
            programId: program,
            profile: profile(2),
            passwordHash: 'scrypt$2',
            registeredAt: at,
          },
        },
      ].map((e, i) =>
        recorded(e.type, e.data, { stream: `member-${e.memberId}`, tenantId: programId, revision: i, createdAt: at }),
      );
    const batched = page(ids);
    await applyToDb(infra.knex, membersProjection, batched, { batch: true });
    // The same events for other members, one at a time.
    const single = [randomUUID(), randomUUID(), randomUUID()];
    const one = page(single).map((e, i) => ({
      ...e,
      data: JSON.parse(
        JSON.stringify(e.data)
          .replaceAll(ids[0]!, single[0]!)
          .replaceAll(ids[1]!, single[1]!)
          .replaceAll(ids[2]!, single[2]!)
          .replaceAll('@example.org', '@single.example.org'),
      ) as RecordedEvent['data'],
      revision: batched[i]!.revision,
    }));
    for (const event of one) await applyToDb(infra.knex, membersProjection, [event]);

    const shape = async (members: string[]) =>
      Promise.all(
        members.map(async (id) => {
          const m = (await findMember(infra.knex, program, id))!;
          return {
            city: m.city,
            lastName: m.lastName,
            codePartner: m.codePartner,
            since: m.codePartnerSince?.toISOString() ?? null,
            version: m.version,
          };
        }),
      );
    expect(await shape(ids)).toEqual(await shape(single));
    expect((await shape(ids)).map((m) => m.city)).toEqual(['Mont-de-Marsan', 'Dax', 'Dax']);
  });
});
