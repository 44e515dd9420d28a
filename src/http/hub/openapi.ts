import { documentHubAuth } from './auth/openapi.js';
import { documentBanks } from './banks/openapi.js';
import { documentExternalAuth } from './auth/openapi-external.js';
import { documentCustomers } from './customers/openapi.js';
import { documentHubs } from './hubs/openapi.js';
import { documentStores } from './stores/openapi.js';

/** Documents the hub context's paths in the registry. */
export function hubOpenapi(): void {
  documentHubs();
  documentHubAuth();
  documentExternalAuth(documentCustomers());
  documentStores();
  documentBanks();
}
