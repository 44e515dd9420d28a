import { z } from 'zod';
import { deciderFromNone, type Decider, type DomainEvent, type NoneOr, type ProgramCommand } from './decider.js';
import { changedFields, createdOnce, existingIn, updatedEvents } from './entity.js';

/*
 * Most catalogue resources (categories, causes, partner codes) are a bag of
 * fields a program creates and patches: one decider shape serves them all,
 * named by the resource so each keeps its own event types.
 */

export type EntityState<F> = NoneOr<{
  readonly status: 'exists';
  readonly id: string;
  readonly programId: string;
  readonly fields: F;
}>;

export type EntityCommand<F> =
  | ProgramCommand<'Create', { readonly id: string; readonly fields: F }>
  | ProgramCommand<'Update', { readonly changes: Partial<F> }>;

interface EntityCreatedData<F> {
  readonly id: string;
  readonly programId: string;
  readonly fields: F;
  readonly createdAt: string;
}
interface EntityUpdatedData<F> {
  readonly id: string;
  readonly changes: Partial<F>;
  readonly updatedAt: string;
}

export type EntityEvent<K extends string, F> =
  DomainEvent<`${K}Created`, EntityCreatedData<F>> | DomainEvent<`${K}Updated`, EntityUpdatedData<F>>;

/** The zod schemas of an entity's two events, given its fields. */
export function createdSchema<S extends z.ZodObject>(fields: S) {
  return z.object({ id: z.string(), programId: z.string(), fields, createdAt: z.string() });
}
export function updatedSchema<S extends z.ZodObject>(fields: S) {
  return z.object({ id: z.string(), changes: changesOf(fields), updatedAt: z.string() });
}

/** An entity's two event schemas, `<kind>Created` and `<kind>Updated`, given its fields. */
export function entityEvents<K extends string, S extends z.ZodObject>(kind: K, fields: S) {
  return { [`${kind}Created`]: createdSchema(fields), [`${kind}Updated`]: updatedSchema(fields) } as {
    [T in `${K}Created`]: ReturnType<typeof createdSchema<S>>;
  } & { [T in `${K}Updated`]: ReturnType<typeof updatedSchema<S>> };
}

/**
 * The fields as a patch: every one optional and none defaulted (zod 4 applies a
 * default even inside an optional, which would turn every absent field of a
 * change into a reset).
 */
export function changesOf<S extends z.ZodObject>(fields: S): ReturnType<S['partial']> {
  const shape = Object.fromEntries(
    Object.entries(fields.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType,
    ]),
  );
  return z.object(shape).partial() as unknown as ReturnType<S['partial']>;
}

export function entityDecider<K extends string, F extends object>(
  kind: K,
  label: string,
): Decider<EntityState<F>, EntityCommand<F>, EntityEvent<K, F>> {
  const created = `${kind}Created` as const;
  const updated = `${kind}Updated` as const;
  return deciderFromNone(
    (state, event) => {
      if (event.type === created) {
        const { id, programId, fields } = event.data as EntityCreatedData<F>;
        return { status: 'exists', id, programId, fields };
      }
      if (state.status !== 'exists') return state;
      const { changes } = event.data as EntityUpdatedData<F>;
      return { ...state, fields: { ...state.fields, ...changes } };
    },
    (command, state) => {
      if (command.type === 'Create') return createdOnce(state.status !== 'none', label, created, command.data);
      const entity = existingIn(state, command.data.programId, label);
      const changes = changedFields(entity.fields, command.data.changes);
      return updatedEvents(updated, { id: entity.id }, changes, command.data.now);
    },
  );
}
