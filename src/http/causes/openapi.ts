import { documentCauseCategories } from './categories/openapi.js';
import { documentCauses } from './causes/openapi.js';

/** Documents the causes' paths in the registry. */
export function causesOpenapi(): void {
  documentCauseCategories();
  documentCauses();
}
