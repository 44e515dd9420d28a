import { exists, type DomainEvent, type NoneOr } from './decider.js';
import { DomainError, notFound } from './errors.js';

/**
 * The one event of a command that creates an entity, its `now` becoming the event's `createdAt`.
 * Creating an id that exists already is a 409 conflict: a guessed or reused id never overwrites.
 */
export function createdOnce<Type extends string, Data extends { readonly now: string }>(
  exists: boolean,
  what: string,
  type: Type,
  { now, ...data }: Data,
): [DomainEvent<Type, Omit<Data, 'now'> & { readonly createdAt: string }>] {
  if (exists) throw new DomainError('conflict', `the ${what} exists already`);
  return [{ type, data: { ...data, createdAt: now } }];
}

/** Only the fields whose value really changes, so a PATCH repeating the resource records nothing. */
export function changedFields<F extends object>(current: F, changes: Partial<F>): Partial<F> {
  const now = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => value !== undefined && JSON.stringify(now[key]) !== JSON.stringify(value),
    ),
  ) as Partial<F>;
}

/** A PATCH's one event: the fields that really change, at the time given; none when nothing does. */
export function updatedEvents<Type extends string, Key extends object, Changes extends object>(
  type: Type,
  key: Key,
  changes: Changes,
  now: string,
): DomainEvent<Type, Key & { readonly changes: Changes; readonly updatedAt: string }>[] {
  return Object.keys(changes).length === 0 ? [] : [{ type, data: { ...key, changes, updatedAt: now } }];
}

/** The entity a program's command acts on: another program's does not exist for it, as one never created does not. */
export function existingIn<Existing extends { readonly status: string; readonly programId: string }>(
  state: NoneOr<Existing>,
  programId: string,
  what: string,
): Existing {
  if (!exists(state) || state.programId !== programId) throw notFound(what);
  return state;
}
