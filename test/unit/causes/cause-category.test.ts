import { describe, it } from 'vitest';
import { causeCategoryDecider } from '../../../src/domain/causes/cause-category.js';
import { causeCategoryFields } from '../../../src/domain/causes/events.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const fields = causeCategoryFields.parse({ name: 'Humanitaire', color: '#ff9e00' });
const created = { type: 'CauseCategoryCreated' as const, data: { id: 'k1', programId: 'p1', fields, createdAt: NOW } };

describe('the cause category decider', () => {
  const category = spec(causeCategoryDecider);

  it('creates once', () => {
    category
      .given([])
      .when({ type: 'Create', data: { id: 'k1', programId: 'p1', fields, now: NOW } })
      .then([created]);
    category
      .given([created])
      .when({ type: 'Create', data: { id: 'k1', programId: 'p1', fields, now: NOW } })
      .thenThrows('conflict');
  });

  it('renames, and records nothing for a repeat', () => {
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { name: 'Culturel' }, now: NOW } })
      .then([{ type: 'CauseCategoryUpdated', data: { id: 'k1', changes: { name: 'Culturel' }, updatedAt: NOW } }]);
    category
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { name: 'Humanitaire' }, now: NOW } })
      .then([]);
    category
      .given([])
      .when({ type: 'Update', data: { programId: 'p1', changes: { name: 'x' }, now: NOW } })
      .thenThrows('not_found');
  });
});
