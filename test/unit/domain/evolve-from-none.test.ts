import { describe, expect, it } from 'vitest';
import { evolveFromNone, type DomainEvent, type NoneOr } from '../../../src/domain/shared/decider.js';

type Counter = { readonly status: 'counting'; readonly id: string; readonly count: number };
type CounterEvent =
  | DomainEvent<'Opened', { readonly id: string }>
  | DomainEvent<'Added', { readonly by: number }>
  | DomainEvent<'Closed', object>;

const evolve = evolveFromNone<Counter, CounterEvent, 'Opened'>(
  'Opened',
  ({ id }) => ({ status: 'counting', id, count: 0 }),
  {
    Added: (state, { by }) => ({ ...state, count: state.count + by }),
    Closed: (state) => state,
  },
);
const none: NoneOr<Counter> = { status: 'none' };

describe('evolveFromNone', () => {
  it('makes the state from the opening event, whatever came before', () => {
    expect(evolve(none, { type: 'Opened', data: { id: 'c1' } })).toEqual({ status: 'counting', id: 'c1', count: 0 });
  });

  it('changes an existing state through the entry of the event type', () => {
    const opened = evolve(none, { type: 'Opened', data: { id: 'c1' } });
    const added = evolve(opened, { type: 'Added', data: { by: 2 } });
    expect(added).toEqual({ status: 'counting', id: 'c1', count: 2 });
    expect(evolve(added, { type: 'Closed', data: {} })).toBe(added);
  });

  it('leaves a state that is still none as it is', () => {
    expect(evolve(none, { type: 'Added', data: { by: 2 } })).toBe(none);
  });

  it('leaves the state as it is for an event type it does not know, even one named like an object key', () => {
    const opened = evolve(none, { type: 'Opened', data: { id: 'c1' } });
    for (const type of ['Renamed', 'constructor', 'toString', '__proto__'])
      expect(evolve(opened, { type, data: {} } as unknown as CounterEvent)).toBe(opened);
  });
});
