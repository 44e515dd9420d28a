import { catalogueShape } from '../../shared/catalogue-body.js';
import { text, wrapped } from '../../shared/catalogue-fields.js';

export const businessCategoryShape = catalogueShape({ marker_symbol: text(100) });

export const businessCategoryBody = wrapped('business_category', businessCategoryShape);
