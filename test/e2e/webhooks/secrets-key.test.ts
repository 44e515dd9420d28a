import { describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/platform/db.js';
import { loadSecretBox } from '../../../src/platform/secret-box.js';
import { createTestDatabase } from '../../support/db.js';

describe('the secrets key kept in PostgreSQL', () => {
  it('when several processes start at once, then they agree on one key', async () => {
    const knex = createKnex(await createTestDatabase());
    try {
      const boxes = await Promise.all([loadSecretBox(knex), loadSecretBox(knex), loadSecretBox(knex)]);
      expect(new Set(boxes.map((box) => box.kid)).size).toBe(1);
      const sealed = boxes[0].seal('whsec_x');
      expect(boxes[2].open(sealed)).toBe('whsec_x');
      expect((await loadSecretBox(knex)).kid).toBe(boxes[0].kid);
      expect(await knex('gs_secret_keys').count<{ count: string }[]>({ count: '*' })).toEqual([{ count: '1' }]);
    } finally {
      await knex.destroy();
    }
  });
});
