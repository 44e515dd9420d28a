import type { CauseCategoryRow } from '../../../projections/causes/queries.js';

export const presentCauseCategory = (row: CauseCategoryRow) => ({
  id: row.id,
  name: row.name,
  color: row.color,
  picture: row.picture,
  active: row.active,
});
