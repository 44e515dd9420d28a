import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { updatedEvents } from '../../shared/entity.js';
import { refused } from '../../shared/errors.js';
import type { StoreDetails, StoreEvent } from './events.js';

export type StoreState = NoneOr<{
  readonly status: 'active' | 'inactive';
  readonly storeId: string;
  readonly hubId: string;
  readonly details: StoreDetails;
}>;

export type StoreCommand =
  | {
      readonly type: 'UpsertStore';
      readonly data: {
        readonly storeId: string;
        readonly hubId: string;
        readonly programId: string;
        readonly requestId: string;
        readonly details: StoreDetails;
        readonly active: boolean;
        readonly now: string;
      };
    }
  | { readonly type: 'DeactivateStore'; readonly data: { readonly requestId: string; readonly now: string } };

/** The seed's example of a list that fails: an `externalId` that switches between store and service. */
export const typeSwitchRefused = (externalId: string, from: string, to: string) =>
  refused(`store ${externalId} is a ${from}; a list cannot make it a ${to}`, [
    { field: 'type', message: `${externalId}: ${from} cannot become ${to}`, code: 'storeTypeChange' },
  ]);

/** The fields of `next` that differ from `current`. */
export function changedDetails(current: StoreDetails, next: StoreDetails): Partial<StoreDetails> {
  const keys = Object.keys(next) as (keyof StoreDetails)[];
  return Object.fromEntries(
    keys.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k])).map((k) => [k, next[k]]),
  );
}

const evolve = evolveFromNone<Exclude<StoreState, None>, StoreEvent, 'StoreRegistered'>(
  'StoreRegistered',
  ({ storeId, hubId, details }) => ({ status: 'active', storeId, hubId, details }),
  {
    StoreUpdated: (state, { changes }) => ({ ...state, details: { ...state.details, ...changes } }),
    StoreDeactivated: (state) => ({ ...state, status: 'inactive' }),
    StoreReactivated: (state) => ({ ...state, status: 'active' }),
  },
);

function upsert(command: Extract<StoreCommand, { type: 'UpsertStore' }>['data'], state: StoreState): StoreEvent[] {
  const { storeId, hubId, requestId, details, active, now } = command;
  const ids = { storeId, hubId, requestId };
  if (state.status === 'none') {
    const registered: StoreEvent = {
      type: 'StoreRegistered',
      data: { ...ids, programId: command.programId, details, registeredAt: now },
    };
    return active ? [registered] : [registered, { type: 'StoreDeactivated', data: { ...ids, deactivatedAt: now } }];
  }
  if (state.details.type !== details.type)
    throw typeSwitchRefused(details.externalId, state.details.type, details.type);
  const changes = changedDetails(state.details, details);
  const events: StoreEvent[] = updatedEvents('StoreUpdated', ids, changes, now);
  if (state.status === 'inactive' && active)
    events.push({ type: 'StoreReactivated', data: { ...ids, reactivatedAt: now } });
  if (state.status === 'active' && !active)
    events.push({ type: 'StoreDeactivated', data: { ...ids, deactivatedAt: now } });
  return events;
}

function decide(command: StoreCommand, state: StoreState): StoreEvent[] {
  switch (command.type) {
    case 'UpsertStore':
      return upsert(command.data, state);
    case 'DeactivateStore':
      if (state.status !== 'active') return [];
      return [
        {
          type: 'StoreDeactivated',
          data: {
            storeId: state.storeId,
            hubId: state.hubId,
            requestId: command.data.requestId,
            deactivatedAt: command.data.now,
          },
        },
      ];
  }
}

/** One store of a hub, keyed by (hub, externalId): a list registers, updates, deactivates or reactivates it. */
export const storeDecider: Decider<StoreState, StoreCommand, StoreEvent> = deciderFromNone(evolve, decide);
