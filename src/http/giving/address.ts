import { z } from 'zod';
import type { PostalAddress } from '../../domain/giving/address.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** A postal address in a body, snake_case as the API shows it; every line optional. */
export const addressBody = (countryMax: number) =>
  z.strictObject({
    line1: optionalText(200),
    line2: optionalText(200),
    city: optionalText(100),
    state: optionalText(100),
    postal_code: optionalText(20),
    country: optionalText(countryMax),
  });
export type AddressBody = z.infer<ReturnType<typeof addressBody>>;

/** Absent stays absent (a PATCH that leaves it alone), null clears it. */
export const toPostalAddress = (address: AddressBody | null | undefined): PostalAddress | null | undefined =>
  address === undefined
    ? undefined
    : address === null
      ? null
      : {
          line1: address.line1 ?? null,
          line2: address.line2 ?? null,
          city: address.city ?? null,
          state: address.state ?? null,
          postalCode: address.postal_code ?? null,
          country: address.country ?? null,
        };

/** The address the documentation's examples and the webhook samples show. */
export const ADDRESS_EXAMPLE = {
  line1: '12 rue Sainte-Catherine',
  line2: null,
  city: 'Bordeaux',
  state: null,
  postal_code: '33000',
  country: 'FR',
};

export const presentAddress = (address: PostalAddress | null) =>
  address && {
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    state: address.state,
    postal_code: address.postalCode,
    country: address.country,
  };
