import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, deleteContact } from '../../../../src/commands/giving/contacts/contacts.js';
import { contacts } from '../../../../src/commands/giving/contacts/aggregate.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { systemClock } from '../../../../src/platform/clock.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

const context = { tenantId: '5f1a0c9e-7d59-4c1b-9b0e-2c4f1b7a9d10', actor: 'test' };
const fields = (email: string) => ({
  firstName: 'A',
  lastName: 'B',
  email,
  phone: null,
  address: null,
  companyId: null,
});

describe('contact email uniqueness in the write model', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when eight creations race for one email, then exactly one contact gets it', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        createContact({ store: infra.store, clock: systemClock }, fields('race@example.org'), context),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof DomainError && r.reason.errorName === 'conflict_uniqueness')).toBe(
      true,
    );
  });

  it('when deleting released the email, then it can be taken again', async () => {
    const first = await createContact({ store: infra.store, clock: systemClock }, fields('again@example.org'), context);
    await deleteContact({ store: infra.store, clock: systemClock }, first.id, context);
    const second = await createContact(
      { store: infra.store, clock: systemClock },
      fields('Again@Example.org'),
      context,
    );
    expect(second.id).not.toBe(first.id);
  });

  it('when a crash left the claim of a deleted contact unreleased, then the email is not blocked for good', async () => {
    const first = await createContact({ store: infra.store, clock: systemClock }, fields('stuck@example.org'), context);
    // The deletion without its release, as a crash between the two would leave it.
    await contacts.handle(
      first.id,
      { type: 'DeleteContact', data: { now: new Date().toISOString() } },
      { store: infra.store, context },
    );
    const second = await createContact(
      { store: infra.store, clock: systemClock },
      fields('stuck@example.org'),
      context,
    );
    expect(second.id).not.toBe(first.id);
    await expect(
      createContact({ store: infra.store, clock: systemClock }, fields('stuck@example.org'), context),
    ).rejects.toMatchObject({ errorName: 'conflict_uniqueness' });
  });
});
