import { entityDecider, type EntityCommand, type EntityState } from '../shared/catalogue-entity.js';
import type { BusinessCategoryFields } from './events.js';

export type BusinessCategoryState = EntityState<BusinessCategoryFields>;
export type BusinessCategoryCommand = EntityCommand<BusinessCategoryFields>;

export const businessCategoryDecider = entityDecider<'BusinessCategory', BusinessCategoryFields>(
  'BusinessCategory',
  'business category',
);
