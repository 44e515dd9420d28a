import type { Migration } from '../../../../platform/db.js';

/*
 * Geo search runs in PostgreSQL: earthdistance's ll_to_earth under a GiST index,
 * searched with earth_box (index) then earth_distance (exact), in metres.
 */
export const geoExtensionsMigration: Migration = {
  name: '0100_geo_extensions',
  async up(knex) {
    await knex.raw('create extension if not exists cube; create extension if not exists earthdistance;');
  },
};
