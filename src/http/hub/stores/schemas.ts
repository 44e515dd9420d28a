import { z } from 'zod';
import { STORE_TYPES } from '../../../domain/hub/stores/events.js';
import { MAX_STORES_PER_LIST } from '../../../domain/hub/stores/store-list.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { country, optionalText, text } from '../fields.js';
import { clearable } from '../../shared/clearable.js';

const pattern = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .transform((p) => p.toUpperCase());

/** A store of a list (seed 004's postStoresList items; `patterns` ours, by default the upper-cased name). */
const storeItem = z.object({
  externalId: text(100),
  name: text(200),
  type: z.enum(STORE_TYPES).default('store'),
  brandId: optionalText(100),
  brandName: optionalText(200),
  isOnline: z.boolean().default(false),
  googlePlaceId: optionalText(300),
  streetNumber: optionalText(20),
  streetName: optionalText(200),
  city: optionalText(100),
  country: clearable(country),
  postCode: optionalText(20),
  patterns: z.array(pattern).min(1).max(20).optional(),
});

/** A list repeats no externalId: one detail per repeated item, at its path. */
const stores = <T extends { externalId: string }>(item: z.ZodType<T>) =>
  z
    .array(item)
    .min(1)
    .max(MAX_STORES_PER_LIST)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((store, i) => {
        if (seen.has(store.externalId))
          ctx.addIssue({ code: 'custom', path: [i, 'externalId'], message: `externalId ${store.externalId} twice` });
        seen.add(store.externalId);
      });
    });

/** postStoresList: the full list; stores it omits are deactivated. */
export const storeListV1Body = z.object({ stores: stores(storeItem) });
/** postStoresListV2: an incremental upsert; `active: false` deactivates a store. */
export const storeListV2Body = z.object({ stores: stores(storeItem.extend({ active: z.boolean().optional() })) });

export const storeQuery = paginationSchema.extend({
  search: z.string().trim().max(200).optional(),
  country: country.optional(),
  city: z.string().trim().max(100).optional(),
});

/** getStoresByCustomer's headers: a customer of the hub the stores are asked for. */
export const storeCustomerHeaders = z.object({
  customerId: z.string().trim().max(100).optional(),
  externalId: z.string().trim().max(100).optional(),
});

/** `:storeId`, our id or an externalId: anything else (too long, a NUL byte PostgreSQL refuses) names no store. */
export const isStoreKey = (value: string): boolean =>
  value.length > 0 && value.length <= 100 && !value.includes('\u0000');
