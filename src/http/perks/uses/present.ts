import type { UseRow } from '../../../projections/perks/queries.js';

export const presentUse = (u: UseRow) => ({
  id: u.id,
  perk_id: u.perk_id,
  perk_name: u.perk_name,
  business_id: u.business_id,
  business_name: u.business_name,
  feedback: u.feedback,
  created_at: u.created_at.toISOString(),
  feedback_at: u.feedback_at?.toISOString() ?? null,
});
