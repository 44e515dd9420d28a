import { documentBusinesses } from './businesses/openapi.js';
import { documentBusinessCategories } from './categories/openapi.js';
import { documentPartnerCodes } from './partner-codes/openapi.js';
import { documentPerks } from './perks/openapi.js';
import { documentUses } from './uses/openapi.js';

/** Documents the perks context's paths in the registry; the Perk component before the businesses that embed it. */
export function perksOpenapi(): void {
  documentBusinessCategories();
  documentPerks();
  documentBusinesses();
  documentUses();
  documentPartnerCodes();
}
