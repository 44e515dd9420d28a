import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MODEL_ONLY } from '../../../src/platform/eventstore/types.js';
import { readCheckpoint, resetCheckpoint, saveCheckpoint } from '../../../src/projections/checkpoints.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

describe('a projection page’s transaction', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  it('runs on a connection named as one that appends no events, and commits without waiting for the WAL flush', async () => {
    const name = `probe-${randomUUID()}`;
    await infra.knex.transaction((trx) => resetCheckpoint(trx, name, 1, ['Probe'], 'running'));
    const settings = await infra.knex.transaction(async (trx) => {
      const before = await trx.raw<{ rows: [{ synchronous_commit: string }] }>('show synchronous_commit');
      await saveCheckpoint(trx, name, { commit: 7n, prepare: 7n }, 3);
      const after = await trx.raw<{ rows: [{ synchronous_commit: string }] }>('show synchronous_commit');
      const app = await trx.raw<{ rows: [{ application_name: string }] }>('show application_name');
      return [before.rows[0].synchronous_commit, after.rows[0].synchronous_commit, app.rows[0].application_name];
    });
    expect(settings).toEqual(['on', 'off', READ_MODEL_ONLY]);
    expect((await readCheckpoint(infra.knex, name))?.position).toEqual({ commit: 7n, prepare: 7n });
    // Only that transaction: the connection goes back to the pool as it was.
    const later = await infra.knex.raw<{ rows: [{ synchronous_commit: string }] }>('show synchronous_commit');
    expect(later.rows[0].synchronous_commit).toBe('on');
  });
});
