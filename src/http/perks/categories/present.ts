import type { BusinessCategoryRow } from '../../../projections/perks/queries.js';

export const presentBusinessCategory = (row: BusinessCategoryRow) => ({
  id: row.id,
  name: row.name,
  color: row.color,
  marker_symbol: row.marker_symbol,
  picture: row.picture,
  active: row.active,
});
