import { json, registry, resource, z } from '../openapi/registry.js';
import { MONEY_PATTERN } from './fields.js';

/* The response objects of fulfillment, every property named, for the OpenAPI document. */

export const moneyText = z.string().regex(new RegExp(MONEY_PATTERN)).openapi({ example: '10.00' });
const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .openapi({ example: 'EUR' });
const dateTime = z.string().datetime();
/** The client's (or the provider's) own reference, not a goodstream id. */
const external = (example: string) =>
  z.string().openapi({
    description: "the client's or the provider's own reference, not a goodstream id",
    'x-external-id': true,
    example,
  });
const provider = z.object({ id: external('sandbox'), name: z.string() });

export const rewardSchema = z.object({
  sku: z.string().openapi({ example: 'SANDBOX-GIFT-10EUR' }),
  name: z.string(),
  provider,
  denomination_type: z.enum(['fixed', 'variable']),
  face_value: moneyText.nullable(),
  min_value: moneyText.nullable(),
  max_value: moneyText.nullable(),
  currency: currencyCode,
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)),
  categories: z.array(z.string()),
  media: z.array(z.enum(['code', 'url', 'barcode', 'pdf'])),
  status: z.enum(['enabled', 'paused', 'disabled']),
  in_stock: z.boolean(),
  stock_quantity: z.number().int().min(0).nullable(),
  description: z.string(),
  terms_and_conditions: z.string(),
  logo_url: z.string().url().nullable(),
});

export const promotionSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  start_datetime: dateTime,
  end_datetime: dateTime,
  status: z.enum(['enabled', 'paused', 'completed', 'disabled']),
  state: z.enum(['pending', 'ready', 'ended']),
  rewards: z.array(
    z.object({ sku: z.string(), status: z.enum(['enabled', 'paused', 'disabled']), in_stock: z.boolean() }),
  ),
  authentication_systems: z.array(z.enum(['none', 'token', 'user_id'])),
  redeem_frequency: z.enum(['single', 'multiple']),
  budget: z.object({ amount: moneyText, currency: currencyCode }),
  budget_reserved: moneyText,
  budget_spent: moneyText,
  budget_remaining: moneyText,
  link_ttl_days: z.number().int().min(1).max(365),
  redemption_url_template: z.string().nullable(),
  created_datetime: dateTime,
  updated_datetime: dateTime,
});

export const orderSchema = z.object({
  id: z.string().uuid(),
  order_id: external('ORD123-L987-0'),
  testing: z.boolean(),
  status: z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']),
  promotion: z.object({ id: z.string().uuid(), name: z.string() }),
  reward: z.object({ sku: z.string(), name: z.string(), provider }),
  value: z.object({ amount: moneyText, currency: currencyCode }),
  user: z
    .object({
      id: external('user-42').nullable(),
      email: z.string().email().nullable(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
    })
    .nullable(),
  delivery: z.object({
    method: z.enum(['none', 'email', 'link']),
    status: z.enum(['pending', 'sent', 'failed']).nullable(),
    email: z.string().email().nullable(),
    redemption_url: z.string().url().nullable(),
  }),
  reward_codes: z
    .object({
      codes: z.array(
        z.object({
          name: z.string(),
          value: z.string(),
          format: z.enum(['string', 'url', 'barcode']),
          usage: z.string(),
        }),
      ),
      expiration_datetime: dateTime.nullable(),
    })
    .nullable(),
  failure_reason: z.string().nullable(),
  created_datetime: dateTime,
  delivered_datetime: dateTime.nullable(),
  expiration_datetime: dateTime.nullable(),
  updated_datetime: dateTime,
});

/** Registers a resource's schema under its component name, with what it means; `answer`: its `{data, version}` body. */
export function registerResource<T extends z.ZodType>(
  name: string,
  schema: T,
  description: string,
  shown: { data: object; version: number },
) {
  const registered = registry.register(name, schema.openapi({ description }));
  const answer = (responseDescription?: string) => json(resource(registered), shown, responseDescription);
  return { schema: registered, one: answer(), answer };
}
