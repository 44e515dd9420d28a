import type { DomainEvent } from '../shared/decider.js';
import { updatedEvents } from '../shared/entity.js';

/**
 * A promotion's and a reward's PATCH: the fields that really change are one event, a new status another; a PATCH
 * repeating the resource records neither.
 */
export function editEvents<
  Key extends object,
  Changes extends object,
  Status,
  Updated extends string,
  Moved extends string,
>(
  types: { readonly updated: Updated; readonly statusChanged: Moved },
  key: Key,
  edit: {
    readonly changes: Changes;
    readonly status: Status | undefined;
    readonly current: Status;
    readonly now: string;
  },
): Array<
  | DomainEvent<Updated, Key & { changes: Changes; updatedAt: string }>
  | DomainEvent<Moved, Key & { status: Status; changedAt: string }>
> {
  const { changes, status, current, now } = edit;
  return [
    ...updatedEvents(types.updated, key, changes, now),
    ...(status !== undefined && status !== current
      ? [{ type: types.statusChanged, data: { ...key, status, changedAt: now } }]
      : []),
  ];
}

/** An edit's event, as editEvents decides it, folded in: the changes merge into the fields, a status replaces. */
export function evolveEdit<State extends { readonly fields: object }, StatusKey extends keyof State>(
  state: State,
  statusKey: StatusKey,
  edit: { readonly changes: Partial<State['fields']> } | { readonly status: State[StatusKey] },
): State {
  if ('changes' in edit) return { ...state, fields: { ...state.fields, ...edit.changes } };
  return { ...state, [statusKey]: edit.status };
}
