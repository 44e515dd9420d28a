import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Projection } from '../../../src/projections/projection.js';
import { rebuildReadModel } from '../../../src/projections/projection.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { eventually, openTestInfra, type TestInfra } from '../../support/infra.js';

describe('a projection transaction and the read horizon', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
    await infra.knex.raw('create table rm_horizon_probe (id uuid primary key)');
    await infra.knex.raw('create table rm_horizon_page_probe (id uuid primary key)');
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when a rebuild is halfway, then events appended meanwhile still reach every reader of the log', async () => {
    await infra.store.append(`probe-${randomUUID()}`, [{ id: randomUUID(), type: 'Probe', data: {} }], {
      expectedRevision: 'no_stream',
    });
    let entered: () => void = () => undefined;
    const halfway = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const projection: Projection = {
      name: 'horizon-probe',
      version: 1,
      eventTypes: ['Probe'],
      tables: ['rm_horizon_probe'],
      async apply(trx, event) {
        await trx('rm_horizon_probe').insert({ id: event.id });
        entered();
        await gate;
      },
    };
    const rebuilding = rebuildReadModel(projection, {
      knex: infra.knex,
      store: infra.store,
      batchSize: 100,
      maxAttempts: 1,
      target: await infra.store.headPosition(),
    });
    await halfway; // the rebuild's transaction now holds a transaction id
    try {
      const id = randomUUID();
      await infra.store.append(`meanwhile-${randomUUID()}`, [{ id, type: 'Meanwhile', data: {} }], {
        expectedRevision: 'no_stream',
      });
      const page = await eventually(
        () => infra.store.readAll({ filter: { categories: ['meanwhile'] } }),
        (p) => p.events.length === 1,
        3000,
      );
      expect(page.events.map((e) => e.id)).toEqual([id]);
    } finally {
      release();
      await rebuilding;
    }
    expect(await infra.knex('rm_horizon_probe').count({ n: '*' })).toEqual([{ n: '1' }]);
  });

  it('when a running projection is halfway through a page, then events appended meanwhile still reach every reader', async () => {
    let entered: () => void = () => undefined;
    const halfway = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const projection: Projection = {
      name: 'horizon-page-probe',
      version: 1,
      eventTypes: ['PageProbe'],
      tables: ['rm_horizon_page_probe'],
      async apply(trx, event) {
        await trx('rm_horizon_page_probe').insert({ id: event.id });
        entered();
        await gate;
      },
    };
    const runner = new ProjectionRunner([projection], {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      batchSize: 100,
      pollMs: 20,
      retryMs: 50,
    });
    runner.start();
    try {
      await infra.store.append(`pageprobe-${randomUUID()}`, [{ id: randomUUID(), type: 'PageProbe', data: {} }], {
        expectedRevision: 'no_stream',
      });
      await halfway; // the page's transaction now holds a transaction id
      const id = randomUUID();
      await infra.store.append(`pagewhile-${randomUUID()}`, [{ id, type: 'Meanwhile', data: {} }], {
        expectedRevision: 'no_stream',
      });
      const page = await eventually(
        () => infra.store.readAll({ filter: { categories: ['pagewhile'] } }),
        (p) => p.events.length === 1,
        3000,
      );
      expect(page.events.map((e) => e.id)).toEqual([id]);
    } finally {
      release();
      await runner.stop();
    }
    expect(await infra.knex('rm_horizon_page_probe').count({ n: '*' })).toEqual([{ n: '1' }]);
  });
});
