import { documentCampaigns } from './campaigns/openapi.js';
import { documentContacts } from './contacts/openapi.js';
import { documentDonations } from './donations/openapi.js';
import { documentPlans } from './plans/openapi.js';

/** Documents the giving context's paths in the registry. */
export function givingOpenapi(): void {
  documentCampaigns();
  documentDonations();
  documentContacts();
  documentPlans();
}
