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

/** Whether the aggregate exists: its first event has been recorded. */
export const exists = <Existing extends { readonly status: string }>(state: NoneOr<Existing>): state is Existing =>
  state.status !== 'none';

/** The change one event makes to an existing state, from the event's data. */
type Change<Existing, Event extends DomainEvent> = (state: Existing, data: Event['data']) => Existing;

/** What each event after the opening one does to the state, one entry a type: a missing type does not compile. */
export type ChangesAfter<Existing, Event extends DomainEvent, Opening extends Event['type']> = {
  readonly [Type in Exclude<Event['type'], Opening>]: Change<Existing, Extract<Event, { readonly type: Type }>>;
};

/**
 * The evolve of an aggregate that its first event creates: the opening event makes the state
 * from its data; any other event changes an existing state, and leaves a state still none as it is.
 */
export function evolveFromNone<
  Existing extends { readonly status: string },
  Event extends DomainEvent,
  Opening extends Event['type'],
>(
  opening: Opening,
  open: (data: Extract<Event, { readonly type: Opening }>['data']) => Existing,
  changes: ChangesAfter<Existing, Event, Opening>,
): Decider<NoneOr<Existing>, never, Event>['evolve'] {
  const opens = (event: Event): event is Extract<Event, { readonly type: Opening }> => event.type === opening;
  return (state, event) => {
    if (opens(event)) return open(event.data);
    if (!exists(state)) return state;
    // An event type the table lacks (one this version does not know) changes nothing, as in a tolerant reader.
    if (!Object.hasOwn(changes, event.type)) return state;
    // The table is keyed by the event's own type, so its entry takes this event's data.
    const change = changes[event.type as Exclude<Event['type'], Opening>] as Change<Existing, Event>;
    return change(state, event.data);
  };
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
