import { deciderFromNone, evolveFromNone, type Decider, type ProgramCommand } from '../shared/decider.js';
import { DomainError, notFound, refused } from '../shared/errors.js';
import { changedFields, createdOnce, existingIn, updatedEvents } from '../shared/entity.js';
import type { Feedback, PerkEvent, PerkFields } from './events.js';
import { whyUnusable } from './usability.js';

export interface PerkUse {
  readonly memberId: string;
  readonly feedback: Feedback | null;
}

/**
 * A perk and its uses. Uses are decided on the perk's stream so that the flash
 * count is checked and decreased under the stream's optimistic concurrency:
 * two members racing for the last use cannot both get it.
 */
export type PerkState =
  | { readonly status: 'none' }
  | {
      readonly status: 'exists';
      readonly perkId: string;
      readonly programId: string;
      readonly businessId: string;
      readonly fields: PerkFields;
      readonly timesRemaining: number;
      readonly uses: ReadonlyMap<string, PerkUse>;
    };

export type PerkCommand =
  | ProgramCommand<'CreatePerk', { readonly perkId: string; readonly businessId: string; readonly fields: PerkFields }>
  | ProgramCommand<'UpdatePerk', { readonly changes: Partial<PerkFields> }>
  | ProgramCommand<
      'UsePerk',
      {
        readonly useId: string;
        readonly memberId: string;
        readonly activeMember: boolean;
        readonly businessName: string;
      }
    >
  | ProgramCommand<'GiveFeedback', { readonly useId: string; readonly memberId: string; readonly feedback: Feedback }>;

type Existing = Extract<PerkState, { status: 'exists' }>;

const evolve = evolveFromNone<Existing, PerkEvent, 'PerkCreated'>(
  'PerkCreated',
  ({ perkId, programId, businessId, fields }) => ({
    status: 'exists',
    perkId,
    programId,
    businessId,
    fields,
    timesRemaining: fields.times,
    uses: new Map(),
  }),
  {
    PerkUpdated: (state, { changes }) => ({
      ...state,
      fields: { ...state.fields, ...changes },
      timesRemaining: changes.times ?? state.timesRemaining,
    }),
    PerkUsed: (state, { timesRemaining, useId, memberId }) => ({
      ...state,
      timesRemaining: timesRemaining ?? state.timesRemaining,
      uses: new Map([...state.uses, [useId, { memberId, feedback: null }]]),
    }),
    PerkUseFeedbackGiven: (state, { useId, feedback }) => {
      const use = state.uses.get(useId);
      if (!use) return state;
      return { ...state, uses: new Map([...state.uses, [useId, { ...use, feedback }]]) };
    },
  },
);

function decideFor(command: Exclude<PerkCommand, { type: 'CreatePerk' }>, state: Existing): PerkEvent[] {
  const { perkId, businessId } = state;
  switch (command.type) {
    case 'UpdatePerk': {
      const changes = changedFields(state.fields, command.data.changes);
      // Setting `times` again restarts the flash count even when the number is the same.
      if (command.data.changes.times !== undefined && command.data.changes.times !== state.timesRemaining)
        changes.times = command.data.changes.times;
      return updatedEvents('PerkUpdated', { perkId }, changes, command.data.now);
    }
    case 'UsePerk': {
      const { useId, memberId, activeMember, businessName, now } = command.data;
      if (state.uses.has(useId)) throw new DomainError('conflict', 'the use exists already');
      const reason = whyUnusable({ ...state.fields, timesRemaining: state.timesRemaining }, { activeMember, now });
      if (reason !== null) throw refused(reason, [{ field: 'use.perk_id', message: reason }]);
      const timesRemaining = state.fields.flash ? state.timesRemaining - 1 : null;
      return [
        {
          type: 'PerkUsed',
          data: {
            useId,
            perkId,
            memberId,
            businessId,
            perkName: state.fields.name,
            businessName,
            timesRemaining,
            usedAt: now,
          },
        },
      ];
    }
    case 'GiveFeedback': {
      const { useId, memberId, feedback, now } = command.data;
      const use = state.uses.get(useId);
      if (!use || use.memberId !== memberId) throw notFound('use');
      if (use.feedback !== null)
        throw refused('this use has its feedback already', [
          { field: 'use.feedback', message: `already ${use.feedback}` },
        ]);
      return [{ type: 'PerkUseFeedbackGiven', data: { useId, perkId, memberId, businessId, feedback, givenAt: now } }];
    }
  }
}

function decide(command: PerkCommand, state: PerkState): PerkEvent[] {
  if (command.type === 'CreatePerk') return createdOnce(state.status !== 'none', 'perk', 'PerkCreated', command.data);
  return decideFor(command, existingIn(state, command.data.programId, 'perk'));
}

export const perkDecider: Decider<PerkState, PerkCommand, PerkEvent> = deciderFromNone(evolve, decide);
