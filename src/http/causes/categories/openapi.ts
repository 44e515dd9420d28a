import { documentCatalogueList } from '../../shared/catalogue-openapi.js';
import { created, ID, tags } from '../openapi-paths.js';
import { causeCategoryBody } from './schemas.js';

/** Documents the cause categories' paths in the registry. */
export function documentCauseCategories(): void {
  documentCatalogueList({
    path: '/v1/cause-categories',
    what: 'cause category',
    whats: 'cause categories',
    component: 'CauseCategory',
    example: { id: ID, name: 'Culturel', color: '#8e513a', picture: null, active: true },
    body: causeCategoryBody,
    createExample: { cause_category: { name: 'Culturel', color: '#8e513a' } },
    patchExample: { cause_category: { color: '#ff9e00' } },
    tags,
    id: ID,
    created,
  });
}
