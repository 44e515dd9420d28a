import type { Knex } from 'knex';
import { memberEvents, type MemberEvent } from '../../domain/members/events.js';
import { parseEvent } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { applyByType, type EventHandlers } from '../shared/handlers.js';
import type { Projection } from '../projection.js';

const columnOf = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  city: 'city',
  zipcode: 'zipcode',
  street: 'street',
  phone: 'phone',
  birthday: 'birthday',
  codePartner: 'code_partner',
  picture: 'picture',
  causeId: 'cause_id',
} as const;

type Handlers = EventHandlers<MemberEvent>;

/** Every member event moves the row's version, so ETag and If-Match follow the stream. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, changes: Record<string, unknown>) =>
  trx('rm_members')
    .where({ id })
    .update({ ...changes, version: event.revision.toString() });

type Registered = Extract<MemberEvent, { type: 'MemberRegistered' }>['data'];

const registeredRow = (
  { memberId, programId, profile, passwordHash, registeredAt }: Registered,
  event: RecordedEvent,
) => ({
  id: memberId,
  program_id: programId,
  ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [columnOf[k as keyof typeof columnOf], v])),
  // A partner code's trial or gift runs from when the member gave the code.
  code_partner_since: profile.codePartner ? registeredAt : null,
  password_hash: passwordHash,
  registered_at: registeredAt,
  version: event.revision.toString(),
});

const insertRegistered = (trx: Knex.Transaction, rows: ReadonlyArray<ReturnType<typeof registeredRow>>) =>
  trx('rm_members').insert(rows).onConflict('id').ignore();

const handlers: Handlers = {
  MemberRegistered: (trx, data, event) => insertRegistered(trx, [registeredRow(data, event)]),
  MemberProfileUpdated: (trx, { memberId, changes, updatedAt }, event) =>
    bump(trx, memberId, event, {
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [columnOf[k as keyof typeof columnOf], v])),
      ...(changes.codePartner !== undefined ? { code_partner_since: changes.codePartner ? updatedAt : null } : {}),
    }),
  MemberSubscribed: (trx, { memberId, plan, amount, currency, causeId, subscribedAt }, event) =>
    bump(trx, memberId, event, {
      subscription: plan,
      amount,
      currency,
      ...(causeId ? { cause_id: causeId } : {}),
      subscribed_since: trx.raw('coalesce(subscribed_since, ?)', [subscribedAt]),
    }),
  MemberSubscriptionStopped: (trx, { memberId }, event) =>
    bump(trx, memberId, event, {
      subscription: null,
      subscribed_since: null,
      past_due: false,
      past_due_since: null,
      next_due_at: null,
      failed_attempts: 0,
      last_failed_at: null,
    }),
  SubscriptionCharged: async (trx, data, event) => {
    const member = await trx('rm_members').where({ id: data.memberId }).first<{ program_id: string }>('program_id');
    await trx('rm_member_donations')
      .insert({
        id: data.donationId,
        program_id: member.program_id,
        member_id: data.memberId,
        cause_id: data.causeId,
        plan: data.plan,
        amount: data.amount,
        donation: data.donation,
        currency: data.currency,
        period_start: data.periodStart,
        created_at: data.chargedAt,
      })
      .onConflict('id')
      .ignore();
    await bump(trx, data.memberId, event, {
      next_due_at: data.periodEnd,
      past_due: false,
      past_due_since: null,
      failed_attempts: 0,
      last_failed_at: null,
    });
  },
  SubscriptionChargeFailed: (trx, { memberId, attempt, failedAt }, event) =>
    bump(trx, memberId, event, {
      past_due: true,
      failed_attempts: attempt + 1,
      last_failed_at: failedAt,
      past_due_since: trx.raw('coalesce(past_due_since, ?)', [failedAt]),
    }),
  // A counter: the stored revision keeps a replayed event from counting twice.
  ContactsRecorded: (trx, { memberId, contacts }, event) =>
    bump(trx, memberId, event, { nb_contacts: trx.raw('nb_contacts + ?', [contacts.length]) }).andWhere(
      'version',
      '<',
      event.revision.toString(),
    ),
  SponsorCodeIssued: (trx, { memberId, code }, event) => bump(trx, memberId, event, { sponsor_code: code }),
  MemberSignedIn: async (trx, { memberId, sessionId, tokenDigest, method, signedInAt }, event) => {
    const member = await trx('rm_members').where({ id: memberId }).first<{ program_id: string }>('program_id');
    await trx('rm_member_sessions')
      .insert({
        id: sessionId,
        member_id: memberId,
        program_id: member.program_id,
        token_digest: tokenDigest,
        method,
        active: true,
        signed_in_at: signedInAt,
      })
      .onConflict('id')
      .ignore();
    await bump(trx, memberId, event, {});
  },
  MemberSignedOut: async (trx, { memberId, sessionId, signedOutAt }, event) => {
    await trx('rm_member_sessions').where({ id: sessionId }).update({ active: false, signed_out_at: signedOutAt });
    await bump(trx, memberId, event, {});
  },
};

export const membersProjection: Projection = {
  name: 'members',
  // 2: billing, donations, partner-code dates and invitations.
  version: 2,
  eventTypes: Object.keys(handlers),
  tables: ['rm_member_donations', 'rm_member_sessions', 'rm_members'],
  apply: applyByType(memberEvents, handlers),
  /**
   * Registrations that follow one another are inserted together: a burst of sign-ups costs one statement per page, not
   * per member.
   */
  async applyBatch(trx: Knex.Transaction, events: readonly RecordedEvent[]) {
    let registered: Array<ReturnType<typeof registeredRow>> = [];
    const flush = async (): Promise<void> => {
      for (let i = 0; i < registered.length; i += 500) await insertRegistered(trx, registered.slice(i, i + 500));
      registered = [];
    };
    for (const event of events) {
      const parsed = parseEvent(memberEvents, event.type, event.data);
      if (parsed?.type === 'MemberRegistered') {
        registered.push(registeredRow(parsed.data, event));
        continue;
      }
      await flush();
      await membersProjection.apply(trx, event);
    }
    await flush();
  },
};
