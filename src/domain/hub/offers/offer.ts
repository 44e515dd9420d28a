import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { changedFields, createdOnce, updatedEvents } from '../../shared/entity.js';
import { DomainError } from '../../shared/errors.js';
import type { OfferEvent, OfferSettings } from './events.js';

export type OfferState = NoneOr<{
  readonly status: 'exists';
  readonly offerId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly settings: OfferSettings;
  readonly createdAt: string;
}>;

type Scope = { readonly programId: string; readonly now: string };
export type OfferCommand =
  | {
      readonly type: 'CreateOffer';
      readonly data: Scope & { readonly offerId: string; readonly hubId: string; readonly settings: OfferSettings };
    }
  | {
      readonly type: 'UpdateOffer';
      readonly data: Scope & {
        readonly changes: Partial<OfferSettings>;
        /** Store ids to add to or remove from the offer's list (`storeChanges`). */
        readonly storeChanges?: { readonly added: readonly string[]; readonly removed: readonly string[] };
      };
    }
  | { readonly type: 'DeactivateOffer'; readonly data: Scope };

export const offerNotFound = (): DomainError =>
  new DomainError('not_found', 'offer not found', [{ field: 'offerId', message: 'no such offer' }]);

/** A period whose start is after its end (422 on `startDate`), or none; dates are normalised ISO 8601 UTC. */
export function periodError(settings: Pick<OfferSettings, 'startDate' | 'endDate'>): DomainError | undefined {
  const { startDate, endDate } = settings;
  if (startDate === null || endDate === null || startDate <= endDate) return undefined;
  return new DomainError('invalid_request', 'the offer ends before it starts', [
    { field: 'startDate', message: 'must not be after endDate' },
  ]);
}

/** The offer's store list after `storeChanges`: added ones join a related list, leave an unrelated one. */
export function withStoreChanges(
  stores: OfferSettings['stores'],
  changes: { readonly added: readonly string[]; readonly removed: readonly string[] },
): OfferSettings['stores'] {
  const apply = (ids: readonly string[], plus: readonly string[], minus: readonly string[]) => [
    ...new Set([...ids.filter((id) => !minus.includes(id)), ...plus]),
  ];
  if (stores === null) return { related: apply([], changes.added, changes.removed) };
  if ('related' in stores) return { related: apply(stores.related, changes.added, changes.removed) };
  return { unrelated: apply(stores.unrelated, changes.removed, changes.added) };
}

type Offer = Exclude<OfferState, { status: 'none' }>;

const evolve = evolveFromNone<Offer, OfferEvent, 'OfferCreated'>(
  'OfferCreated',
  ({ offerId, hubId, programId, settings, createdAt }) => ({
    status: 'exists',
    offerId,
    hubId,
    programId,
    settings,
    createdAt,
  }),
  {
    OfferUpdated: (state, { changes }) => ({ ...state, settings: { ...state.settings, ...changes } }),
    OfferDeactivated: (state) => ({ ...state, settings: { ...state.settings, active: false } }),
  },
);

function decide(command: OfferCommand, state: OfferState): OfferEvent[] {
  if (command.type === 'CreateOffer') {
    const error = periodError(command.data.settings);
    if (error) throw error;
    const { now, offerId, hubId, programId, settings } = command.data;
    return createdOnce(state.status === 'exists', 'offer', 'OfferCreated', {
      offerId,
      hubId,
      programId,
      settings,
      now,
    });
  }
  // Another program's offer does not exist for the caller.
  if (state.status === 'none' || state.programId !== command.data.programId) throw offerNotFound();
  const { offerId } = state;
  if (command.type === 'DeactivateOffer')
    return state.settings.active
      ? [{ type: 'OfferDeactivated', data: { offerId, deactivatedAt: command.data.now } }]
      : [];
  const { storeChanges } = command.data;
  const asked = storeChanges
    ? {
        ...command.data.changes,
        stores: withStoreChanges(command.data.changes.stores ?? state.settings.stores, storeChanges),
      }
    : command.data.changes;
  const error = periodError({ ...state.settings, ...asked });
  if (error) throw error;
  const changes = changedFields(state.settings, asked);
  return updatedEvents('OfferUpdated', { offerId }, changes, command.data.now);
}

/** A hub's offer: created once, changed field by field, deactivated (DELETE); its rewards outlive it. */
export const offerDecider: Decider<OfferState, OfferCommand, OfferEvent> = deciderFromNone(evolve, decide);
