import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../../src/contexts.js';
import { listCauses } from '../../../src/projections/causes/queries.js';
import { findPartnerCode } from '../../../src/projections/perks/for-members.js';
import { businessesNear, perksOf } from '../../../src/projections/perks/queries.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, runCli } from '../cli/cli-process.js';

describe('cli seed demo', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  it('creates a program whose businesses, causes and partner code around Bordeaux are searchable', async () => {
    const result = await runCli(['seed', 'demo', '--name', 'Demo Bordeaux'], cliEnv(infra.url));
    expect(result.stderr + String(result.code)).toBe('0');
    const [first, ...rest] = result.stdout.trim().split('\n');
    const printed = JSON.parse(first!) as { id: string; api_key: string; api_secret: string };
    expect(printed.api_key).toMatch(/^pk_/);
    expect(rest.join('\n')).toContain(`curl -H 'Api-Key: ${printed.api_key}'`);

    const runner = new ProjectionRunner(allProjections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      pollMs: 20,
    });
    runner.start();
    expect(await runner.waitFor(await infra.store.headPosition(), ['perks', 'causes'], 15_000)).toBe(true);
    await runner.stop();

    const near = await businessesNear(infra.knex, printed.id, {
      latitude: 44.8378,
      longitude: -0.5792,
      online: false,
      offset: 0,
      limit: 20,
    });
    expect(near.rows.map((b) => b.name)).toEqual(['INSPIRESELF', 'Origines Tea & Coffee', 'La ruche des Chartrons']);
    const perks = await perksOf(
      infra.knex,
      near.rows.map((b) => b.id),
    );
    expect(perks.filter((p) => p.flash)).toEqual([
      expect.objectContaining({ name: 'OFFRE FLASH DU MOMENT', times_remaining: 15 }),
    ]);
    const inParis = await businessesNear(infra.knex, printed.id, {
      latitude: 48.8566,
      longitude: 2.3522,
      online: false,
      offset: 0,
      limit: 20,
    });
    expect(inParis.rows).toEqual([]);

    const causes = await listCauses(infra.knex, printed.id, {
      point: { latitude: 44.8086, longitude: -0.5478 },
      offset: 0,
      limit: 20,
    });
    expect(causes.rows[0]?.name).toBe('Osons Ici et Maintenant');
    expect(causes.total).toBe(4);
    expect(await findPartnerCode(infra.knex, printed.id, 'cforgoodbdx')).toMatchObject({
      code: 'CFORGOODBDX',
      active: true,
      trialMonths: 1,
    });
  });
});
