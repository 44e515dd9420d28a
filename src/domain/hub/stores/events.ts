import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

export const STORE_TYPES = ['store', 'service'] as const;
export const STORE_LIST_KINDS = ['v1', 'v2'] as const;
export type StoreListKind = (typeof STORE_LIST_KINDS)[number];

const text = z.string().nullable();

/** A store as a program describes it in a store list (seed 004's postStoresList items, `patterns` ours). */
export const storeDetails = z.object({
  externalId: z.string(),
  name: z.string(),
  type: z.enum(STORE_TYPES),
  brandId: text,
  brandName: text,
  isOnline: z.boolean(),
  googlePlaceId: text,
  streetNumber: text,
  streetName: text,
  city: text,
  country: text,
  postCode: text,
  /** Upper-cased; the matcher looks for them in a debit's upper-cased label. */
  patterns: z.array(z.string()),
});
export type StoreDetails = z.infer<typeof storeDetails>;

/** An item of a list: v2 items may say `active: false` to deactivate the store. */
export const storeListItem = storeDetails.extend({ active: z.boolean().optional() });
export type StoreListItem = z.infer<typeof storeListItem>;

const counts = { created: z.number().int(), updated: z.number().int(), deactivated: z.number().int() };

export const storeListEvents = {
  StoreListRequested: z.object({
    requestId: z.string(),
    hubId: z.string(),
    programId: z.string(),
    kind: z.enum(STORE_LIST_KINDS),
    stores: z.array(storeListItem),
    requestedAt: z.string(),
  }),
  StoreListIntegrated: z.object({ requestId: z.string(), hubId: z.string(), ...counts, integratedAt: z.string() }),
  StoreListFailed: z.object({
    requestId: z.string(),
    hubId: z.string(),
    resultDetail: z.string(),
    failedAt: z.string(),
  }),
  StoreListSuperseded: z.object({
    requestId: z.string(),
    hubId: z.string(),
    supersededBy: z.string(),
    resultDetail: z.string(),
    supersededAt: z.string(),
  }),
};
export type StoreListEvent = EventOf<typeof storeListEvents>;

const storeIds = { storeId: z.string(), hubId: z.string(), requestId: z.string() };

export const storeEvents = {
  StoreRegistered: z.object({
    ...storeIds,
    programId: z.string(),
    details: storeDetails,
    registeredAt: z.string(),
  }),
  /** Only the fields that changed. */
  StoreUpdated: z.object({ ...storeIds, changes: storeDetails.partial(), updatedAt: z.string() }),
  StoreDeactivated: z.object({ ...storeIds, deactivatedAt: z.string() }),
  StoreReactivated: z.object({ ...storeIds, reactivatedAt: z.string() }),
};
export type StoreEvent = EventOf<typeof storeEvents>;
