import { z } from 'zod';
import { email, optionalText, text } from '../fields.js';
import { addressBody as sharedAddressBody } from '../address.js';

const id = z.string().trim().min(1).max(64).meta({ format: 'uuid' });

export const addressBody = sharedAddressBody(100);

export { toPostalAddress as toAddress } from '../address.js';

const contactShape = {
  first_name: text(100),
  last_name: text(100),
  /** Unique within the program. */
  email: email.nullable().optional(),
  phone: optionalText(40),
  address: addressBody.nullable().optional(),
  company_id: id.nullable().optional(),
};

export const createContactBody = z.strictObject(contactShape);
export const patchContactBody = z.strictObject(contactShape).partial();

export const contactListQuery = z.object({
  email: z.string().trim().max(254).optional(),
  tag_id: id.optional(),
  company_id: id.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

const companyShape = {
  name: text(200),
  website: optionalText(2000),
  phone: optionalText(40),
  address: addressBody.nullable().optional(),
};
export const createCompanyBody = z.strictObject(companyShape);
export const patchCompanyBody = z.strictObject(companyShape).partial();

export const tagBody = z.strictObject({ name: text(100) });
