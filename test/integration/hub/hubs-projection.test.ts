import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStream } from '../../../src/commands/hub/streams.js';
import { hubEvents } from '../../../src/domain/hub/hubs/events.js';
import { hubsProjection } from '../../../src/projections/hub/hubs/projection.js';
import { findHub } from '../../../src/projections/hub/hubs/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { settings } from '../../support/fixtures/hub.js';

/* One case per event type the hubs projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-12-01T09:00:00.000Z';
const LATER = '2026-12-02T09:00:00.000Z';

describe('the hubs projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const created = (hubId: string, programId = randomUUID()) =>
    recorded('HubCreated', hubEvents.HubCreated.parse({ hubId, programId, settings, createdAt: AT }), {
      stream: hubStream(hubId),
      tenantId: programId,
    });

  it('HubCreated inserts the hub with its settings', async () => {
    const hubId = randomUUID();
    await applyToDb(infra.knex, hubsProjection, [created(hubId)], { replayed: true });
    const hub = await findHub(infra.knex, hubId);
    expect(hub).toMatchObject({ id: hubId, settings, operator: {}, optins: {}, version: 0, createdAt: AT });
  });

  it('HubUpdated merges the changes and the operator fields, and moves the version', async () => {
    const hubId = randomUUID();
    const first = created(hubId);
    const updated = recorded(
      'HubUpdated',
      hubEvents.HubUpdated.parse({
        hubId,
        changes: { name: 'Renamed', host: null },
        operator: { cashbackProvider: 'sandbox' },
        updatedAt: LATER,
      }),
      { stream: hubStream(hubId) },
    );
    await applyToDb(infra.knex, hubsProjection, [first, updated], { replayed: true });
    const hub = await findHub(infra.knex, hubId);
    expect(hub).toMatchObject({
      settings: { ...settings, name: 'Renamed', host: null },
      operator: { cashbackProvider: 'sandbox' },
      version: 1,
      updatedAt: LATER,
    });
    const row: unknown = await infra.knex('rm_hub_hubs').where({ id: hubId }).first('name', 'host');
    expect(row).toEqual({ name: 'Renamed', host: null });
  });

  it('HubOptinsConfigured sets one registration type, leaving the others', async () => {
    const hubId = randomUUID();
    const first = created(hubId);
    const optins = (type: 'SCR' | 'PSD2', code: string) =>
      recorded(
        'HubOptinsConfigured',
        hubEvents.HubOptinsConfigured.parse({
          hubId,
          registrationType: type,
          optins: [{ code, label: { fr: code }, required: true }],
          configuredAt: LATER,
        }),
        { stream: hubStream(hubId) },
      );
    await applyToDb(infra.knex, hubsProjection, [first, optins('SCR', 'a'), optins('PSD2', 'b'), optins('SCR', 'c')], {
      replayed: true,
    });
    const hub = await findHub(infra.knex, hubId);
    expect(hub?.optins).toEqual({
      SCR: [{ code: 'c', label: { fr: 'c' }, required: true }],
      PSD2: [{ code: 'b', label: { fr: 'b' }, required: true }],
    });
    expect(hub?.version).toBe(3);
  });
});
