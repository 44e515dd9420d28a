import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, type ErrorDetail } from '../../shared/errors.js';
import type { StoreListEvent, StoreListItem, StoreListKind } from './events.js';

export const MAX_STORES_PER_LIST = 500;
/** The seed's resultDetail for a request a newer one replaced (store_list_updated's failed example). */
export const SUPERSEDED_DETAIL = "Only one request can be treated at a time, we'll integrate only the most recent";

export type StoreListResult = 'pending' | 'success' | 'failed';

export type StoreListState = NoneOr<{
  readonly status: StoreListResult;
  readonly requestId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly kind: StoreListKind;
  readonly stores: readonly StoreListItem[];
}>;

export type StoreListCommand =
  | {
      readonly type: 'RequestStoreList';
      readonly data: {
        readonly requestId: string;
        readonly hubId: string;
        readonly programId: string;
        readonly kind: StoreListKind;
        readonly stores: readonly StoreListItem[];
        readonly now: string;
      };
    }
  | { readonly type: 'SupersedeStoreList'; readonly data: { readonly supersededBy: string; readonly now: string } }
  | {
      readonly type: 'RecordStoreListIntegrated';
      readonly data: { readonly created: number; readonly updated: number; readonly deactivated: number; now: string };
    }
  | { readonly type: 'FailStoreList'; readonly data: { readonly resultDetail: string; readonly now: string } };

/** Rule: a list holds 1 to 500 stores. */
export function listSizeRule(stores: readonly StoreListItem[]): ErrorDetail[] {
  if (stores.length >= 1 && stores.length <= MAX_STORES_PER_LIST) return [];
  return [{ field: 'stores', message: `between 1 and ${MAX_STORES_PER_LIST} stores, not ${stores.length}` }];
}

/** Rule: an `externalId` appears once in a list; one detail per repeated item. */
export function uniqueExternalIdRule(stores: readonly StoreListItem[]): ErrorDetail[] {
  const seen = new Set<string>();
  return stores.flatMap((store, i) => {
    if (!seen.has(store.externalId)) {
      seen.add(store.externalId);
      return [];
    }
    return [{ field: `stores.${i}.externalId`, message: `externalId ${store.externalId} appears twice` }];
  });
}

type StoreList = Exclude<StoreListState, { status: 'none' }>;

const failed = (state: StoreList): StoreList => ({ ...state, status: 'failed' });

const evolve = evolveFromNone<StoreList, StoreListEvent, 'StoreListRequested'>(
  'StoreListRequested',
  ({ requestId, hubId, programId, kind, stores }) => ({ status: 'pending', requestId, hubId, programId, kind, stores }),
  {
    StoreListIntegrated: (state) => ({ ...state, status: 'success' }),
    StoreListFailed: failed,
    StoreListSuperseded: failed,
  },
);

function decide(command: StoreListCommand, state: StoreListState): StoreListEvent[] {
  if (command.type === 'RequestStoreList') {
    if (state.status !== 'none') return [];
    const { now, ...data } = command.data;
    const details = [...listSizeRule(data.stores), ...uniqueExternalIdRule(data.stores)];
    if (details.length > 0) throw new DomainError('invalid_request', 'the store list is not valid', details);
    return [{ type: 'StoreListRequested', data: { ...data, stores: [...data.stores], requestedAt: now } }];
  }
  // A request decided already (or never made) stays as it is: the worker and a newer request may race on it.
  if (state.status !== 'pending') return [];
  const ids = { requestId: state.requestId, hubId: state.hubId };
  switch (command.type) {
    case 'SupersedeStoreList':
      return [
        {
          type: 'StoreListSuperseded',
          data: {
            ...ids,
            supersededBy: command.data.supersededBy,
            resultDetail: SUPERSEDED_DETAIL,
            supersededAt: command.data.now,
          },
        },
      ];
    case 'RecordStoreListIntegrated': {
      const { now, ...counts } = command.data;
      return [{ type: 'StoreListIntegrated', data: { ...ids, ...counts, integratedAt: now } }];
    }
    case 'FailStoreList':
      return [
        {
          type: 'StoreListFailed',
          data: { ...ids, resultDetail: command.data.resultDetail, failedAt: command.data.now },
        },
      ];
  }
}

/** One store-list request: pending until the worker integrates it, fails it, or a newer request supersedes it. */
export const storeListDecider: Decider<StoreListState, StoreListCommand, StoreListEvent> = deciderFromNone(
  evolve,
  decide,
);
