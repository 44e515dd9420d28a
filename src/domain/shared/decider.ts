/** An event as the domain sees it: a type and its data, nothing about storage. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** A command as a decider takes it: its type, and its data with the time it is decided at (the clock stays out). */
export interface Command<Type extends string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data & { readonly now: string };
}

/** A command naming the caller's program: another program's resource does not exist for it. */
export type ProgramCommand<Type extends string, Data extends object = object> = Command<
  Type,
  Data & { readonly programId: string }
>;

/**
 * One aggregate's behaviour as pure functions: `decide` turns a command and the
 * current state into new events (or throws a DomainError); `evolve` folds an
 * event into the state. Time, ids and outside facts come in on the command.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Event[];
}

/** An aggregate's state before its first event: it does not exist yet. */
export type None = { readonly status: 'none' };

/** The state of an aggregate that its first event creates: none until then. */
export type NoneOr<Existing extends { readonly status: string }> = None | Existing;

/** The decider of an aggregate that its first event creates: each of its streams starts at none. */
export function deciderFromNone<Existing extends { readonly status: string }, Command, Event extends DomainEvent>(
  evolve: Decider<NoneOr<Existing>, Command, Event>['evolve'],
  decide: Decider<NoneOr<Existing>, Command, Event>['decide'],
): Decider<NoneOr<Existing>, Command, Event> {
  return { initialState: () => ({ status: 'none' }), evolve, decide };
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** For exhaustive switches: the compiler fails here when a case is missing. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
