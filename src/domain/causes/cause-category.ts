import { entityDecider, type EntityCommand, type EntityState } from '../shared/catalogue-entity.js';
import type { CauseCategoryFields } from './events.js';

export type CauseCategoryState = EntityState<CauseCategoryFields>;
export type CauseCategoryCommand = EntityCommand<CauseCategoryFields>;

export const causeCategoryDecider = entityDecider<'CauseCategory', CauseCategoryFields>(
  'CauseCategory',
  'cause category',
);
