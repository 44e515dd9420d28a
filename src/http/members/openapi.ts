import { documentMembers } from './members/openapi.js';

/** Documents the members context's paths in the registry. */
export function membersOpenapi(): void {
  documentMembers();
}
