import type { PartnerCodeRow } from '../../../projections/perks/partner-codes.js';

export const presentPartnerCode = (c: PartnerCodeRow) => ({
  id: c.id,
  code_partner: c.code,
  partner_name: c.partner_name,
  latitude: c.latitude,
  longitude: c.longitude,
  radius_km: c.radius_km,
  cities: c.cities,
  trial_months: c.trial_months,
  gift_months: c.gift_months,
  active: c.active,
});
