import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/platform/crypto.js';
import { allProjections } from '../../../src/contexts.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { findProgramByApiKey, findProgramBySecretDigest } from '../../../src/projections/tenancy/programs.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, runCli } from './cli-process.js';

describe('cli programs create', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  it('creates a program, prints its credentials once, and the secret authenticates through the read model', async () => {
    const result = await runCli(
      ['programs', 'create', '--name', 'Bordeaux Program', '--currency', 'eur'],
      cliEnv(infra.url),
    );
    expect(result.stderr + String(result.code)).toBe('0');
    const printed = JSON.parse(result.stdout.trim()) as {
      id: string;
      api_key: string;
      api_secret: string;
      position: string;
    };
    expect(printed).toMatchObject({
      name: 'Bordeaux Program',
      api_key: expect.stringMatching(/^pk_[0-9a-f]{32}$/) as unknown,
      api_secret: expect.stringMatching(/^sk_/) as unknown,
    });

    const runner = new ProjectionRunner(allProjections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      pollMs: 20,
    });
    runner.start();
    const [event] = await infra.store.readStream(`program-${printed.id}`);
    expect(await runner.waitFor(event!.position, ['programs'], 10_000)).toBe(true);
    await runner.stop();
    expect((await findProgramByApiKey(infra.knex, printed.api_key))?.settings.currency).toBe('EUR');
    expect((await findProgramBySecretDigest(infra.knex, sha256Hex(printed.api_secret)))?.id).toBe(printed.id);
    expect(JSON.stringify(event!.data)).not.toContain(printed.api_secret);
  });

  it('refuses a missing name or a bad currency with exit 2', async () => {
    expect((await runCli(['programs', 'create'], cliEnv(infra.url))).code).toBe(2);
    expect((await runCli(['programs', 'create', '--name', 'x', '--currency', 'euro'], cliEnv(infra.url))).code).toBe(2);
  });
});
