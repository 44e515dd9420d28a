import { z } from 'zod';

/** A latitude or longitude in a query string or a body: a number, or a string that is one, within bounds. */
function coordinate(bound: 90 | 180) {
  return z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[-+]?\d+(\.\d+)?$/, 'a number')
        .transform(Number),
    ])
    .pipe(z.number().min(-bound, `between -${bound} and ${bound}`).max(bound, `between -${bound} and ${bound}`));
}

export const latitude = coordinate(90);
export const longitude = coordinate(180);

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** `?lat=&lng=&online=` of GET /v1/businesses, with the list's paging. */
export const nearbyQuery = z.object({
  lat: latitude,
  lng: longitude,
  online: flag.default(false),
});

/** `?lat=&lng=` of GET /v1/causes: both or neither. */
export const optionalPointQuery = z
  .object({ lat: latitude.optional(), lng: longitude.optional() })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    message: 'give both lat and lng, or neither',
    path: ['lng'],
  });
