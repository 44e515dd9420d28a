import { describe, it } from 'vitest';
import { businessDecider } from '../../../src/domain/perks/business.js';
import { addressFields, businessFields, type BusinessEvent } from '../../../src/domain/perks/events.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const PROGRAM = 'program-1';
const fields = businessFields.parse({ name: 'La ruche des Chartrons', shop: true, labels: ['Engagement social'] });
const address = addressFields.parse({ city: 'Bordeaux', latitude: 44.8561327, longitude: -0.576172, main: true });
const created: BusinessEvent = {
  type: 'BusinessCreated',
  data: { businessId: 'b1', programId: PROGRAM, fields, createdAt: NOW },
};
const added: BusinessEvent = {
  type: 'BusinessAddressAdded',
  data: { businessId: 'b1', addressId: 'a1', address, addedAt: NOW },
};

describe('the business decider', () => {
  const business = spec(businessDecider);

  it('creates a business once', () => {
    business
      .given([])
      .when({ type: 'CreateBusiness', data: { businessId: 'b1', programId: PROGRAM, fields, now: NOW } })
      .then([created]);
    business
      .given([created])
      .when({ type: 'CreateBusiness', data: { businessId: 'b1', programId: PROGRAM, fields, now: NOW } })
      .thenThrows('conflict');
  });

  it('records changed fields only (labels compared by value), and nothing for a repeat', () => {
    business
      .given([created])
      .when({
        type: 'UpdateBusiness',
        data: { programId: PROGRAM, changes: { labels: ['Engagement social', 'Circuit Court'], shop: true }, now: NOW },
      })
      .then([
        {
          type: 'BusinessUpdated',
          data: { businessId: 'b1', changes: { labels: ['Engagement social', 'Circuit Court'] }, updatedAt: NOW },
        },
      ]);
    business
      .given([created])
      .when({
        type: 'UpdateBusiness',
        data: { programId: PROGRAM, changes: { labels: ['Engagement social'] }, now: NOW },
      })
      .then([]);
    business
      .given([created])
      .when({ type: 'UpdateBusiness', data: { programId: PROGRAM, changes: { active: false }, now: NOW } })
      .then([{ type: 'BusinessUpdated', data: { businessId: 'b1', changes: { active: false }, updatedAt: NOW } }]);
  });

  it('adds and updates addresses', () => {
    business
      .given([created])
      .when({ type: 'AddAddress', data: { programId: PROGRAM, addressId: 'a1', address, now: NOW } })
      .then([added]);
    business
      .given([created, added])
      .when({ type: 'AddAddress', data: { programId: PROGRAM, addressId: 'a1', address, now: NOW } })
      .thenThrows('conflict');
    business
      .given([created, added])
      .when({
        type: 'UpdateAddress',
        data: { programId: PROGRAM, addressId: 'a1', changes: { street: 'Rue Notre-Dame' }, now: NOW },
      })
      .then([
        {
          type: 'BusinessAddressUpdated',
          data: { businessId: 'b1', addressId: 'a1', changes: { street: 'Rue Notre-Dame' }, updatedAt: NOW },
        },
      ]);
    business
      .given([created, added])
      .when({ type: 'UpdateAddress', data: { programId: PROGRAM, addressId: 'a1', changes: { main: true }, now: NOW } })
      .then([]);
    business
      .given([created])
      .when({ type: 'UpdateAddress', data: { programId: PROGRAM, addressId: 'a9', changes: { main: true }, now: NOW } })
      .thenThrows('not_found');
  });

  it('does not exist for another program, nor before its creation', () => {
    business
      .given([created])
      .when({ type: 'UpdateBusiness', data: { programId: 'other', changes: { name: 'x' }, now: NOW } })
      .thenThrows('not_found');
    business
      .given([])
      .when({ type: 'AddAddress', data: { programId: PROGRAM, addressId: 'a1', address, now: NOW } })
      .thenThrows('not_found');
  });
});
