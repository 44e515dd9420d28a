import type { perkEvents } from '../../domain/perks/events.js';

type Used = ReturnType<typeof perkEvents.PerkUsed.parse>;

/**
 * A use's columns from the PerkUsed event that made it (no feedback yet): the read model inserts them with the
 * perk's program, and the use webhooks show the same mapping.
 */
export const useRow = (used: Used) => ({
  id: used.useId,
  perk_id: used.perkId,
  business_id: used.businessId,
  member_id: used.memberId,
  perk_name: used.perkName,
  business_name: used.businessName,
  created_at: used.usedAt,
});
