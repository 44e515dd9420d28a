import { describe, it } from 'vitest';
import { perkFields, type PerkEvent } from '../../../src/domain/perks/events.js';
import { perkDecider } from '../../../src/domain/perks/perk.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const PROGRAM = 'program-1';
const fields = perkFields.parse({ name: 'Un thé offert' });
const flash = perkFields.parse({ name: 'Flash', flash: true, times: 2 });
const created = (f = fields): PerkEvent => ({
  type: 'PerkCreated',
  data: { perkId: 'p1', programId: PROGRAM, businessId: 'b1', fields: f, createdAt: NOW },
});
const used = (
  useId: string,
  memberId: string,
  timesRemaining: number | null = null,
  perkName = 'Un thé offert',
): PerkEvent => ({
  type: 'PerkUsed',
  data: {
    useId,
    perkId: 'p1',
    memberId,
    businessId: 'b1',
    perkName,
    businessName: 'Origines',
    timesRemaining,
    usedAt: NOW,
  },
});
const use = (useId: string, memberId = 'm1', activeMember = true, now = NOW) =>
  ({
    type: 'UsePerk',
    data: { programId: PROGRAM, useId, memberId, activeMember, businessName: 'Origines', now },
  }) as const;
const feedback = (useId: string, memberId = 'm1', value: 'like' | 'unlike' | 'unused' = 'like') =>
  ({ type: 'GiveFeedback', data: { programId: PROGRAM, useId, memberId, feedback: value, now: NOW } }) as const;

describe('the perk decider', () => {
  const perk = spec(perkDecider);

  it('creates a perk once', () => {
    perk
      .given([])
      .when({ type: 'CreatePerk', data: { perkId: 'p1', programId: PROGRAM, businessId: 'b1', fields, now: NOW } })
      .then([created()]);
    perk
      .given([created()])
      .when({ type: 'CreatePerk', data: { perkId: 'p1', programId: PROGRAM, businessId: 'b1', fields, now: NOW } })
      .thenThrows('conflict');
  });

  it('records only the fields that change, and nothing when none does', () => {
    perk
      .given([created()])
      .when({
        type: 'UpdatePerk',
        data: { programId: PROGRAM, changes: { name: 'Un thé offert', offer: '-50 %' }, now: NOW },
      })
      .then([{ type: 'PerkUpdated', data: { perkId: 'p1', changes: { offer: '-50 %' }, updatedAt: NOW } }]);
    perk
      .given([created()])
      .when({ type: 'UpdatePerk', data: { programId: PROGRAM, changes: { name: 'Un thé offert' }, now: NOW } })
      .then([]);
  });

  it('does not exist for another program, nor before its creation', () => {
    perk
      .given([created()])
      .when({ type: 'UpdatePerk', data: { programId: 'other', changes: { offer: 'x' }, now: NOW } })
      .thenThrows('not_found');
    perk.given([]).when(use('u1')).thenThrows('not_found');
  });

  it('lets an active member use an active perk', () => {
    perk
      .given([created()])
      .when(use('u1'))
      .then([used('u1', 'm1')]);
  });

  it('refuses a use when the perk is inactive, out of its dates, or the member has no active subscription', () => {
    perk
      .given([created(perkFields.parse({ name: 'Off', active: false }))])
      .when(use('u1'))
      .thenThrows('operation_refused');
    perk
      .given([created(perkFields.parse({ name: 'Ended', endDate: '2026-11-21' }))])
      .when(use('u1'))
      .thenThrows('operation_refused');
    perk
      .given([created(perkFields.parse({ name: 'Later', startDate: '2026-11-23' }))])
      .when(use('u1'))
      .thenThrows('operation_refused');
    perk
      .given([created()])
      .when(use('u1', 'm1', false))
      .thenThrows('operation_refused');
  });

  it('counts a flash perk down and refuses it once no use remains; setting times again refills it', () => {
    perk
      .given([created(flash)])
      .when(use('u1'))
      .then([used('u1', 'm1', 1, 'Flash')]);
    perk
      .given([created(flash), used('u1', 'm1', 1, 'Flash'), used('u2', 'm2', 0, 'Flash')])
      .when(use('u3'))
      .thenThrows('operation_refused');
    perk
      .given([created(flash), used('u1', 'm1', 1, 'Flash'), used('u2', 'm2', 0, 'Flash')])
      .when({ type: 'UpdatePerk', data: { programId: PROGRAM, changes: { times: 2 }, now: NOW } })
      .then([{ type: 'PerkUpdated', data: { perkId: 'p1', changes: { times: 2 }, updatedAt: NOW } }]);
  });

  it('takes one feedback per use, from its member only', () => {
    perk
      .given([created(), used('u1', 'm1')])
      .when(feedback('u1'))
      .then([
        {
          type: 'PerkUseFeedbackGiven',
          data: { useId: 'u1', perkId: 'p1', memberId: 'm1', businessId: 'b1', feedback: 'like', givenAt: NOW },
        },
      ]);
    perk
      .given([created(), used('u1', 'm1')])
      .when(feedback('u1', 'm2'))
      .thenThrows('not_found');
    perk
      .given([created(), used('u1', 'm1')])
      .when(feedback('u9'))
      .thenThrows('not_found');
    const liked: PerkEvent = {
      type: 'PerkUseFeedbackGiven',
      data: { useId: 'u1', perkId: 'p1', memberId: 'm1', businessId: 'b1', feedback: 'like', givenAt: NOW },
    };
    perk
      .given([created(), used('u1', 'm1'), liked])
      .when(feedback('u1', 'm1', 'unlike'))
      .thenThrows('operation_refused');
  });
});
