import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { companyStream, contactStream, tagStream } from '../../../../src/commands/giving/streams.js';
import {
  companyEvents,
  contactEvents,
  tagEvents,
  type PostalAddress,
} from '../../../../src/domain/giving/contacts/events.js';
import type { RecordedEvent } from '../../../../src/platform/eventstore/types.js';
import { contactsProjection } from '../../../../src/projections/giving/contacts/projection.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per event type the contacts projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-11-22T10:00:00.000Z';
const LATER = '2026-11-23T10:00:00.000Z';

const schemas = { ...contactEvents, ...companyEvents, ...tagEvents };
type EventType = keyof typeof schemas;

const ADDRESS: PostalAddress = {
  line1: '1 rue Sainte-Catherine',
  line2: null,
  city: 'Bordeaux',
  state: null,
  postalCode: '33000',
  country: 'FR',
};

describe('the contacts projection', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  /** The data is parsed by the domain schema first, so a case cannot build an event the store would never hold. */
  const event = <T extends EventType>(type: T, stream: string, data: z.input<(typeof schemas)[T]>) =>
    recorded(type, schemas[type].parse(data), { stream, tenantId: programId, createdAt: AT });

  const contactCreated = (contactId: string, companyId: string | null = null) =>
    event('ContactCreated', contactStream(contactId), {
      contactId,
      programId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.org',
      phone: null,
      address: ADDRESS,
      companyId,
      createdAt: AT,
    });
  const contactEvent = <T extends Exclude<EventType, 'ContactCreated'> & keyof typeof contactEvents>(
    type: T,
    contactId: string,
    data: Omit<z.input<(typeof contactEvents)[T]>, 'contactId'>,
  ) => event(type, contactStream(contactId), { contactId, ...data } as z.input<(typeof schemas)[T]>);
  const companyCreated = (companyId: string) =>
    event('CompanyCreated', companyStream(companyId), {
      companyId,
      programId,
      name: 'Analytical Engines',
      website: 'https://engines.example.org',
      phone: '+33500000000',
      address: ADDRESS,
      createdAt: AT,
    });
  const tagCreated = (tagId: string, name = 'major donor') =>
    event('TagCreated', tagStream(tagId), { tagId, programId, name, createdAt: AT });

  const row = (table: string, id: string) =>
    infra.knex(table).where({ id }).first<Record<string, unknown> | undefined>();
  const tagsOf = (contactId: string) =>
    infra
      .knex('rm_giving_contact_tags')
      .where({ contact_id: contactId })
      .orderBy('tag_id')
      .select<Array<Record<string, unknown>>>();
  const apply = (events: RecordedEvent[]) => applyToDb(infra.knex, contactsProjection, events, { replayed: true });

  it('handles exactly the contact, company and tag event types this file covers', () => {
    expect([...contactsProjection.eventTypes].sort()).toEqual(Object.keys(schemas).sort());
  });

  it('when ContactCreated is applied, then the contact row holds its fields, the address as JSON, at version 0', async () => {
    const [id, companyId] = [randomUUID(), randomUUID()];
    await apply([contactCreated(id, companyId)]);
    expect(await row('rm_giving_contacts', id)).toEqual({
      id,
      program_id: programId,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.org',
      phone: null,
      address: ADDRESS,
      company_id: companyId,
      created_at: new Date(AT),
      updated_at: new Date(AT),
      version: '0',
    });
  });

  it('when ContactUpdated is applied, then only the changed fields change and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const created = contactCreated(id);
    const renamed = contactEvent('ContactUpdated', id, {
      changes: { lastName: 'King', phone: '+33600000000' },
      updatedAt: AT,
    });
    const moved = contactEvent('ContactUpdated', id, {
      changes: { lastName: 'Byron', address: null },
      updatedAt: LATER,
    });
    await apply([created, renamed, moved]);
    await applyToDb(infra.knex, contactsProjection, [renamed]);
    expect(await row('rm_giving_contacts', id)).toMatchObject({
      first_name: 'Ada',
      last_name: 'Byron',
      phone: '+33600000000',
      email: 'ada@example.org',
      address: null,
      updated_at: new Date(LATER),
      version: '2',
    });
  });

  it('when ContactTagged is applied, then the contact carries the tag once, in its program, and its version moves', async () => {
    const [id, tagId] = [randomUUID(), randomUUID()];
    const created = contactCreated(id);
    const tagged = contactEvent('ContactTagged', id, { tagId, taggedAt: LATER });
    await apply([tagCreated(tagId), created, tagged]);
    expect(await tagsOf(id)).toEqual([
      { contact_id: id, tag_id: tagId, program_id: programId, tagged_at: new Date(LATER) },
    ]);
    expect(await row('rm_giving_contacts', id)).toMatchObject({ updated_at: new Date(LATER), version: '1' });
  });

  it('when ContactUntagged is applied, then the tag is off the contact, and a replayed ContactTagged does not put it back', async () => {
    const [id, tagId] = [randomUUID(), randomUUID()];
    const created = contactCreated(id);
    const tagged = contactEvent('ContactTagged', id, { tagId, taggedAt: AT });
    const untagged = contactEvent('ContactUntagged', id, { tagId, untaggedAt: LATER });
    await apply([tagCreated(tagId), created, tagged, untagged]);
    await applyToDb(infra.knex, contactsProjection, [tagged]);
    expect(await tagsOf(id)).toEqual([]);
    expect(await row('rm_giving_contacts', id)).toMatchObject({ updated_at: new Date(LATER), version: '2' });
  });

  it('when ContactDeleted is applied, then the contact row and its tags are gone', async () => {
    const [id, tagId] = [randomUUID(), randomUUID()];
    const created = contactCreated(id);
    const tagged = contactEvent('ContactTagged', id, { tagId, taggedAt: AT });
    const deleted = contactEvent('ContactDeleted', id, { deletedAt: LATER });
    await apply([tagCreated(tagId), created, tagged, deleted]);
    expect(await row('rm_giving_contacts', id)).toBeUndefined();
    expect(await tagsOf(id)).toEqual([]);
    expect(await row('rm_giving_tags', tagId)).toMatchObject({ name: 'major donor' });
  });

  it('when CompanyCreated is applied, then the company row holds its fields, the address as JSON, at version 0', async () => {
    const id = randomUUID();
    await apply([companyCreated(id)]);
    expect(await row('rm_giving_companies', id)).toEqual({
      id,
      program_id: programId,
      name: 'Analytical Engines',
      website: 'https://engines.example.org',
      phone: '+33500000000',
      address: ADDRESS,
      created_at: new Date(AT),
      updated_at: new Date(AT),
      version: '0',
    });
  });

  it('when CompanyUpdated is applied, then only the changed fields change and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const created = companyCreated(id);
    const renamed = event('CompanyUpdated', companyStream(id), {
      companyId: id,
      changes: { name: 'Difference Engines', website: null },
      updatedAt: AT,
    });
    const called = event('CompanyUpdated', companyStream(id), {
      companyId: id,
      changes: { name: 'Engines & Co', phone: null },
      updatedAt: LATER,
    });
    await apply([created, renamed, called]);
    await applyToDb(infra.knex, contactsProjection, [renamed]);
    expect(await row('rm_giving_companies', id)).toMatchObject({
      name: 'Engines & Co',
      website: null,
      phone: null,
      address: ADDRESS,
      updated_at: new Date(LATER),
      version: '2',
    });
  });

  it('when CompanyDeleted is applied, then the company row is gone and its contacts keep no link to it', async () => {
    const [id, contactId, otherId, otherCompanyId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const created = companyCreated(id);
    const employee = contactCreated(contactId, id);
    const elsewhere = contactCreated(otherId, otherCompanyId);
    const deleted = event('CompanyDeleted', companyStream(id), { companyId: id, deletedAt: LATER });
    await apply([created, employee, elsewhere, deleted]);
    expect(await row('rm_giving_companies', id)).toBeUndefined();
    expect(await row('rm_giving_contacts', contactId)).toMatchObject({ company_id: null, version: '0' });
    expect(await row('rm_giving_contacts', otherId)).toMatchObject({ company_id: otherCompanyId });
  });

  it('when TagCreated is applied, then the tag row holds its name at version 0', async () => {
    const id = randomUUID();
    await apply([tagCreated(id, 'volunteer')]);
    expect(await row('rm_giving_tags', id)).toEqual({
      id,
      program_id: programId,
      name: 'volunteer',
      created_at: new Date(AT),
      updated_at: new Date(AT),
      version: '0',
    });
  });

  it('when TagRenamed is applied, then the tag has the new name and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const created = tagCreated(id, 'donor');
    const first = event('TagRenamed', tagStream(id), { tagId: id, name: 'regular donor', renamedAt: AT });
    const second = event('TagRenamed', tagStream(id), { tagId: id, name: 'major donor', renamedAt: LATER });
    await apply([created, first, second]);
    await applyToDb(infra.knex, contactsProjection, [first]);
    expect(await row('rm_giving_tags', id)).toMatchObject({
      name: 'major donor',
      updated_at: new Date(LATER),
      version: '2',
    });
  });

  it('when a whole history of contacts, companies and tags is replayed, then every row reads as after the first pass', async () => {
    const [contactId, companyId, tagId] = [randomUUID(), randomUUID(), randomUUID()];
    const history = [
      companyCreated(companyId),
      tagCreated(tagId),
      contactCreated(contactId, companyId),
      contactEvent('ContactTagged', contactId, { tagId, taggedAt: AT }),
      contactEvent('ContactUpdated', contactId, { changes: { email: 'ada@engines.example.org' }, updatedAt: LATER }),
      event('TagRenamed', tagStream(tagId), { tagId, name: 'patron', renamedAt: LATER }),
      event('CompanyUpdated', companyStream(companyId), { companyId, changes: { website: null }, updatedAt: LATER }),
    ];
    const snapshot = async () => ({
      contact: await row('rm_giving_contacts', contactId),
      company: await row('rm_giving_companies', companyId),
      tag: await row('rm_giving_tags', tagId),
      tags: await tagsOf(contactId),
    });
    await applyToDb(infra.knex, contactsProjection, history);
    const once = await snapshot();
    await applyToDb(infra.knex, contactsProjection, history);
    expect(await snapshot()).toEqual(once);
    expect(once).toMatchObject({
      contact: { email: 'ada@engines.example.org', company_id: companyId, version: '2' },
      company: { website: null, version: '1' },
      tag: { name: 'patron', version: '1' },
      tags: [{ tag_id: tagId }],
    });
  });
});
