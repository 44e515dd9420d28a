import { describe, it } from 'vitest';
import { companyDecider } from '../../../../src/domain/giving/contacts/company.js';
import type { CompanyEvent } from '../../../../src/domain/giving/contacts/events.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const fields = { name: 'Librairie Mollat', website: null, phone: null, address: null };
const created: CompanyEvent = {
  type: 'CompanyCreated',
  data: { ...fields, companyId: 'co1', programId: 'p1', createdAt: now },
};
const deleted: CompanyEvent = { type: 'CompanyDeleted', data: { companyId: 'co1', deletedAt: now } };

describe('company', () => {
  const { given } = spec(companyDecider);

  it('when created, then CompanyCreated; creating it again is a conflict', () => {
    const create = { type: 'CreateCompany' as const, data: { ...fields, companyId: 'co1', programId: 'p1', now } };
    given([]).when(create).then([created]);
    given([created]).when(create).thenThrows('conflict');
  });
  it('when updated, then only the changes are recorded; the same values record nothing', () => {
    given([created])
      .when({
        type: 'UpdateCompany',
        data: { changes: { name: 'Librairie Mollat', website: 'https://www.mollat.com' }, now },
      })
      .then([
        {
          type: 'CompanyUpdated',
          data: { companyId: 'co1', changes: { website: 'https://www.mollat.com' }, updatedAt: now },
        },
      ]);
    given([created])
      .when({ type: 'UpdateCompany', data: { changes: { name: 'Librairie Mollat' }, now } })
      .then([]);
  });
  it('when deleted, then CompanyDeleted, and it is not found afterwards', () => {
    given([created]).when({ type: 'DeleteCompany', data: { now } }).then([deleted]);
    given([created, deleted])
      .when({ type: 'UpdateCompany', data: { changes: { name: 'x' }, now } })
      .thenThrows('not_found');
    given([]).when({ type: 'DeleteCompany', data: { now } }).thenThrows('not_found');
  });
});
