import type { StoreDetails } from '../../../src/domain/hub/stores/events.js';

/** A store as a list describes it, shared by the store tests. */
export const storeA: StoreDetails = {
  externalId: 'A-1',
  name: 'Sandbox Store A',
  type: 'store',
  brandId: 'b1',
  brandName: 'Brand',
  isOnline: false,
  googlePlaceId: null,
  streetNumber: '1',
  streetName: 'Rue de la Paix',
  city: 'Paris',
  country: 'FR',
  postCode: '75002',
  patterns: ['SANDBOX STORE A'],
};
