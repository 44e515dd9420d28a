import type { StoreListItem } from '../../../domain/hub/stores/events.js';
import type { StoreListView, StoreView } from '../../../projections/hub/stores/queries.js';
import type { storeListV2Body } from './schemas.js';
import type { z } from 'zod';
import { orNull } from '../../shared/fields.js';

type Item = z.output<typeof storeListV2Body>['stores'][number];

/** A list item as the events keep it: every field present, the patterns upper-cased (the name's by default). */
export const toStoreListItem = (item: Item): StoreListItem => ({
  externalId: item.externalId,
  name: item.name,
  type: item.type,
  ...orNull(item, ['brandId', 'brandName']),
  isOnline: item.isOnline,
  ...orNull(item, ['googlePlaceId', 'streetNumber', 'streetName', 'city', 'country', 'postCode']),
  patterns: item.patterns ?? [item.name.toUpperCase()],
  ...(item.active === undefined ? {} : { active: item.active }),
});

/** The store as getStoresByCustomer lists it; a signed caller also sees `active` and `patterns`. */
export function presentStore(s: StoreView, signed: boolean) {
  const store = {
    id: s.id,
    externalId: s.externalId,
    name: s.name,
    type: s.type,
    brandId: s.brandId,
    brandName: s.brandName,
    isOnline: s.isOnline,
    streetNumber: s.streetNumber,
    streetName: s.streetName,
    city: s.city,
    country: s.country,
    postCode: s.postCode,
  };
  return signed ? { ...store, googlePlaceId: s.googlePlaceId, active: s.active, patterns: s.patterns } : store;
}

/** The request status (ours): `{requestId, result, resultDetail}` and what the integration did. */
export const presentStoreList = (l: StoreListView) => ({
  requestId: l.requestId,
  kind: l.kind,
  result: l.result,
  resultDetail: l.resultDetail,
  created: l.counts?.created ?? null,
  updated: l.counts?.updated ?? null,
  deactivated: l.counts?.deactivated ?? null,
  requestedAt: l.requestedAt,
  updatedAt: l.updatedAt,
});
