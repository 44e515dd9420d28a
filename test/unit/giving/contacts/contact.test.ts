import { describe, expect, it } from 'vitest';
import { contactDecider } from '../../../../src/domain/giving/contacts/contact.js';
import type { ContactEvent } from '../../../../src/domain/giving/contacts/events.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const later = '2026-11-23T10:00:00.000Z';
const fields = {
  firstName: 'Camille',
  lastName: 'Durand',
  email: 'camille@example.org',
  phone: null,
  address: null,
  companyId: null,
};
const created: ContactEvent = {
  type: 'ContactCreated',
  data: { ...fields, contactId: 'k1', programId: 'p1', createdAt: now },
};
const tagged: ContactEvent = { type: 'ContactTagged', data: { contactId: 'k1', tagId: 't1', taggedAt: later } };
const deleted: ContactEvent = { type: 'ContactDeleted', data: { contactId: 'k1', deletedAt: later } };

describe('contact', () => {
  const { given } = spec(contactDecider);

  it('when created, then ContactCreated; creating it again is a conflict', () => {
    const create = { type: 'CreateContact' as const, data: { ...fields, contactId: 'k1', programId: 'p1', now } };
    given([]).when(create).then([created]);
    given([created]).when(create).thenThrows('conflict');
  });

  it('when updated, then only the fields that change are recorded; repeating them records nothing', () => {
    given([created])
      .when({ type: 'UpdateContact', data: { changes: { firstName: 'Camille', phone: '0600000000' }, now: later } })
      .then([
        { type: 'ContactUpdated', data: { contactId: 'k1', changes: { phone: '0600000000' }, updatedAt: later } },
      ]);
    given([created])
      .when({ type: 'UpdateContact', data: { changes: { firstName: 'Camille', address: null }, now: later } })
      .then([]);
  });

  it('when tagged twice, then it is one tag; untagging a tag it lacks records nothing', () => {
    given([created])
      .when({ type: 'TagContact', data: { tagId: 't1', now: later } })
      .then([tagged]);
    given([created, tagged])
      .when({ type: 'TagContact', data: { tagId: 't1', now: later } })
      .then([]);
    given([created])
      .when({ type: 'UntagContact', data: { tagId: 't1', now: later } })
      .then([]);
    given([created, tagged])
      .when({ type: 'UntagContact', data: { tagId: 't1', now: later } })
      .then([{ type: 'ContactUntagged', data: { contactId: 'k1', tagId: 't1', untaggedAt: later } }]);
  });

  it('when deleted, then ContactDeleted, the contact kept as it last was, and nothing else applies to it', () => {
    given([created, tagged])
      .when({ type: 'DeleteContact', data: { now: later } })
      .then([deleted]);
    given([created, deleted])
      .when({ type: 'DeleteContact', data: { now: later } })
      .thenThrows('not_found');
    given([])
      .when({ type: 'UpdateContact', data: { changes: { phone: 'x' }, now } })
      .thenThrows('not_found');
    const state = fold(contactDecider, [created, tagged, deleted]);
    expect(state.kind === 'deleted' && state.last).toMatchObject({
      email: 'camille@example.org',
      tags: ['t1'],
      updatedAt: later,
    });
  });
});
