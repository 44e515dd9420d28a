import { entityDecider, type EntityCommand, type EntityState } from '../shared/catalogue-entity.js';
import type { PartnerCodeFields } from './events.js';
import { distanceKm, type Point } from './geo.js';

export type PartnerCodeState = EntityState<PartnerCodeFields>;
export type PartnerCodeCommand = EntityCommand<PartnerCodeFields>;

export const partnerCodeDecider = entityDecider<'PartnerCode', PartnerCodeFields>('PartnerCode', 'partner code');

/**
 * How far from a listed city's centre a point still counts as in that city.
 * Cities are given with their centre's coordinates, so deciding needs no
 * reverse geocoding: a point is "in Bordeaux" when it lies within this radius
 * of the centre the program gave for Bordeaux.
 */
export const CITY_RADIUS_KM = 15;

/** Whether the code may be used at `point`: active, and within its radius or one of its cities. */
export function partnerCodeUsableAt(code: PartnerCodeFields, point: Point): boolean {
  if (!code.active) return false;
  const { latitude, longitude, radiusKm } = code;
  if (
    latitude !== null &&
    longitude !== null &&
    radiusKm !== null &&
    distanceKm({ latitude, longitude }, point) <= radiusKm
  )
    return true;
  return code.cities.some((city) => distanceKm(city, point) <= CITY_RADIUS_KM);
}
