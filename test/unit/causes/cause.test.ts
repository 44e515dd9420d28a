import { describe, it } from 'vitest';
import { causeDecider } from '../../../src/domain/causes/cause.js';
import { causeFields } from '../../../src/domain/causes/events.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const proposal = causeFields.parse({ name: 'Disco Soupe', city: 'Bordeaux', active: false, proposedBy: 'member:m1' });
const created = {
  type: 'CauseCreated' as const,
  data: { id: 'c1', programId: 'p1', fields: proposal, createdAt: NOW },
};

describe('the cause decider', () => {
  const cause = spec(causeDecider);

  it('records a proposal as an inactive cause', () => {
    cause
      .given([])
      .when({ type: 'Create', data: { id: 'c1', programId: 'p1', fields: proposal, now: NOW } })
      .then([created]);
  });

  it('activates a proposal when the program sets active, and records nothing when it is already so', () => {
    cause
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { active: true }, now: NOW } })
      .then([{ type: 'CauseUpdated', data: { id: 'c1', changes: { active: true }, updatedAt: NOW } }]);
    cause
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { active: false, city: 'Bordeaux' }, now: NOW } })
      .then([]);
  });

  it('refuses a second creation and another program’s update', () => {
    cause
      .given([created])
      .when({ type: 'Create', data: { id: 'c1', programId: 'p1', fields: proposal, now: NOW } })
      .thenThrows('conflict');
    cause
      .given([created])
      .when({ type: 'Update', data: { programId: 'p2', changes: { active: true }, now: NOW } })
      .thenThrows('not_found');
  });
});
