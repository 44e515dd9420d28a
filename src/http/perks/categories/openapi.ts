import { z } from '../../openapi/registry.js';
import { documentCatalogueList } from '../../shared/catalogue-openapi.js';
import { created, ID, tags } from '../openapi-paths.js';
import { businessCategoryBody } from './schemas.js';

/** Documents the business categories' paths in the registry. */
export function documentBusinessCategories(): void {
  documentCatalogueList({
    path: '/v1/business-categories',
    what: 'business category',
    whats: 'business categories',
    component: 'BusinessCategory',
    ownFields: { marker_symbol: z.string().nullable() },
    example: {
      id: ID,
      name: 'Mobilité',
      color: '#867486',
      marker_symbol: 'marker-mobilite',
      picture: 'business_categories/mobilite',
      active: true,
    },
    body: businessCategoryBody,
    createExample: { business_category: { name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' } },
    patchExample: { business_category: { color: '#36d3da' } },
    patchSummary: 'Update or deactivate (`active: false`) a business category',
    tags,
    id: ID,
    created,
  });
}
