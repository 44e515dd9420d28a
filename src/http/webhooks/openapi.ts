import { documentSubscriptions } from './subscriptions/openapi.js';

/** Documents the webhook subscriptions' paths in the registry. */
export function webhooksOpenapi(): void {
  documentSubscriptions();
}
