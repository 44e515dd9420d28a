import { describe, expect, it } from 'vitest';
import { partnerCodeFields } from '../../../src/domain/perks/events.js';
import { partnerCodeDecider, partnerCodeUsableAt } from '../../../src/domain/perks/partner-code.js';
import { spec } from '../../support/decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const bordeauxCode = partnerCodeFields.parse({
  code: 'CFORGOODBDX',
  latitude: 44.8378,
  longitude: -0.5792,
  radiusKm: 20,
});
const created = {
  type: 'PartnerCodeCreated' as const,
  data: { id: 'c1', programId: 'p1', fields: bordeauxCode, createdAt: NOW },
};
const BORDEAUX = { latitude: 44.8378, longitude: -0.5792 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };

describe('partner codes', () => {
  const code = spec(partnerCodeDecider);

  it('are created once and deactivated by an update; a repeat records nothing', () => {
    code
      .given([])
      .when({ type: 'Create', data: { id: 'c1', programId: 'p1', fields: bordeauxCode, now: NOW } })
      .then([created]);
    code
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { active: false }, now: NOW } })
      .then([{ type: 'PartnerCodeUpdated', data: { id: 'c1', changes: { active: false }, updatedAt: NOW } }]);
    code
      .given([created])
      .when({ type: 'Update', data: { programId: 'p1', changes: { radiusKm: 20 }, now: NOW } })
      .then([]);
  });

  it('are usable within their radius, not in Paris, and not once inactive', () => {
    expect(partnerCodeUsableAt(bordeauxCode, BORDEAUX)).toBe(true);
    expect(partnerCodeUsableAt(bordeauxCode, { latitude: 44.8086, longitude: -0.5478 })).toBe(true);
    expect(partnerCodeUsableAt(bordeauxCode, PARIS)).toBe(false);
    expect(partnerCodeUsableAt({ ...bordeauxCode, active: false }, BORDEAUX)).toBe(false);
  });

  it('are usable in a listed city, decided by distance to the centre given with it', () => {
    const cities = partnerCodeFields.parse({
      code: 'CITIES',
      cities: [{ name: 'Paris', latitude: 48.8566, longitude: 2.3522 }],
    });
    expect(partnerCodeUsableAt(cities, { latitude: 48.87, longitude: 2.33 })).toBe(true);
    expect(partnerCodeUsableAt(cities, BORDEAUX)).toBe(false);
  });
});
