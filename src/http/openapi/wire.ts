import { paginationSchema } from '../conventions/pagination.js';
import { nullableText } from '../webhooks/payloads/common.js';
import { billingAddress } from '../webhooks/payloads/giving.js';
import { z } from './registry.js';

/*
 * The building blocks of the documented answers: what a response's strings are (uuid, date, date-time, money), so
 * each resource's schema names its fields precisely. Answers are never validated at runtime: these only describe.
 */

export const uuid = z.uuid().openapi({ example: '6f1c2b9e-4f3a-4c1e-8b2d-000000000001' });
export const dateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-22T10:00:00.000Z' });
export const date = z.iso.date().openapi({ example: '2026-11-22' });
/** A reference the client gives, of its own system (not a goodstream id): kept as it came. */
export const externalId = z
  .string()
  .openapi({ description: "the client's own reference, not a goodstream id", 'x-external-id': true });
/** Money as the API shows it: a decimal string with two places. */
export const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .openapi({ example: '12.00' });
/** An ISO 4217 code, upper case. */
export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .openapi({ example: 'EUR' });
export { nullableText };
/** Text fields that may be null, by name. */
export const texts = <N extends string>(...names: N[]) =>
  Object.fromEntries(names.map((name) => [name, nullableText])) as Record<N, typeof nullableText>;

/** `page` (from 1) and `per_page` (1 to 100, 20 by default), as every list reads them. */
export const PAGE_QUERY = paginationSchema;

/** `page` and `per_page` as the hub's lists document them, beside their filters: optional, per_page up to 100. */
export const PAGE_PARAMS = {
  page: z.number().int().min(1).optional(),
  per_page: z.number().int().min(1).max(100).optional(),
};

/** A postal address as the giving resources show it: the webhooks' lines, none other. */
export const postalAddress = z.object(billingAddress.shape);
