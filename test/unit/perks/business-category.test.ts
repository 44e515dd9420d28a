import { describe, it } from 'vitest';
import { businessCategoryDecider } from '../../../src/domain/perks/business-category.js';
import { businessCategoryFields, businessCategoryEvents } from '../../../src/domain/perks/events.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const fields = businessCategoryFields.parse({ name: 'Mobilité', color: '#867486' });
const created = {
  type: 'BusinessCategoryCreated' as const,
  data: { id: 'c1', programId: 'p1', fields, createdAt: NOW },
};

describe('the business category decider (the shape every catalogue entity shares)', () => {
  const category = spec(businessCategoryDecider);

  it('creates once', () => {
    category
      .given([])
      .when({ type: 'Create', data: { id: 'c1', programId: 'p1', fields, now: NOW } })
      .then([created]);
    category
      .given([created])
      .when({ type: 'Create', data: { id: 'c1', programId: 'p1', fields, now: NOW } })
      .thenThrows('conflict');
  });

  it('updates what changes, deactivates, and records nothing for a repeat', () => {
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { color: '#36d3da', name: 'Mobilité' }, now: NOW } })
      .then([{ type: 'BusinessCategoryUpdated', data: { id: 'c1', changes: { color: '#36d3da' }, updatedAt: NOW } }]);
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { active: false }, now: NOW } })
      .then([{ type: 'BusinessCategoryUpdated', data: { id: 'c1', changes: { active: false }, updatedAt: NOW } }]);
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { color: '#867486' }, now: NOW } })
      .then([]);
  });

  it('does not exist for another program, nor before its creation', () => {
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p2', changes: { color: '#000000' }, now: NOW } })
      .thenThrows('not_found');
    category
      .given([])
      .when({ type: 'Update', data: { programId: 'p1', changes: { color: '#000000' }, now: NOW } })
      .thenThrows('not_found');
  });

  it('reads a stored change back without filling in the absent fields', () => {
    const parsed = businessCategoryEvents.BusinessCategoryUpdated.parse({
      id: 'c1',
      changes: { color: '#fff' },
      updatedAt: NOW,
    });
    category
      .given([created, { type: 'BusinessCategoryUpdated', data: parsed }])
      .when({ type: 'Update', data: { programId: 'p1', changes: { name: 'Mobilité', active: true }, now: NOW } })
      .then([]);
  });
});
