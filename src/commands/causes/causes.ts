import { causeDecider } from '../../domain/causes/cause.js';
import { causeCategoryDecider } from '../../domain/causes/cause-category.js';
import { causeCategoryEvents, causeEvents } from '../../domain/causes/events.js';
import { entityCommands } from '../shared/catalogue-entity.js';

export const causeCategories = entityCommands('causecategory', causeCategoryDecider, causeCategoryEvents);
/** A cause from the program is active at once; the HTTP layer passes `active: false` for a proposal. */
export const causes = entityCommands('cause', causeDecider, causeEvents);
