import { catalogueShape } from '../../shared/catalogue-body.js';
import { wrapped } from '../../shared/catalogue-fields.js';

export const causeCategoryShape = catalogueShape({});

export const causeCategoryBody = wrapped('cause_category', causeCategoryShape);
