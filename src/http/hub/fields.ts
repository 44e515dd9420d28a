import { z } from 'zod';

import { email, text } from '../giving/fields.js';

/* The field rules every hub body shares; text and email as giving's. */
export { email, text };
export const optionalText = (max: number) => text(max).nullable().optional();
/** A host name as a browser sends it, lower-cased: `shop.example.org`. */
export const host = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'a host name such as shop.example.org',
      ),
  );
export const country = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FR'));
export const language = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as fr'));
export { currency } from '../shared/fields.js';
export const coordinate = z
  .string()
  .trim()
  .regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'a decimal coordinate such as 44.8378');
export const color = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'a hex color such as #12ab34');
export const url = z.url({ protocol: /^https?$/ }).max(2000);
