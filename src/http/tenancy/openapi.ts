import { documentPrograms } from './programs/openapi.js';

/** Documents the tenancy context's paths in the registry. */
export function tenancyOpenapi(): void {
  documentPrograms();
}
