import { expect } from 'vitest';
import type { Decider, DomainEvent } from '../../src/domain/shared/decider.js';
import { DomainError, type DomainErrorName } from '../../src/domain/shared/errors.js';

/** `given(events).when(command).then(events)` or `.thenThrows(errorName)`, for a decider. */
export function spec<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
  return {
    given: (events: readonly Event[]) => ({
      when: (command: Command) => {
        const run = (): Event[] => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
        return {
          then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
          thenThrows: (errorName: DomainErrorName) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).errorName).toBe(errorName);
          },
        };
      },
    }),
  };
}
