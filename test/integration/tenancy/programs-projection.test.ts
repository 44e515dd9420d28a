import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/commands/tenancy/create-program.js';
import type { JsonObject, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { findProgram, findProgramByApiKey, programsProjection } from '../../../src/projections/tenancy/programs.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';

const programId = randomUUID();
const recordedOnProgram = (type: string, revision: number, data: JsonObject): RecordedEvent =>
  recorded(type, data, { stream: `program-${programId}`, tenantId: programId, revision });
const created = recordedOnProgram('ProgramCreated', 0, {
  programId,
  name: 'Projection',
  apiKey: `pk_${programId}`,
  apiSecretDigest: 'b'.repeat(64),
  settings: DEFAULT_SETTINGS,
  createdAt: '2026-11-22T10:00:00.000Z',
});
const keyRegistered = (revision: number, keyId: string) =>
  recordedOnProgram('SigningKeyRegistered', revision, {
    programId,
    publicKeyPem: `PEM ${keyId}`,
    keyId,
    registeredAt: `2026-11-22T1${revision}:00:00.000Z`,
  });

describe('the programs read model', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra?.close();
  });

  const apply = (...events: RecordedEvent[]) => applyToDb(infra.knex, programsProjection, events);

  it('when ProgramCreated is applied, then the program has no signing key, at version 0', async () => {
    await apply(created);
    expect(await findProgram(infra.knex, programId)).toMatchObject({
      name: 'Projection',
      signingKey: null,
      version: 0,
    });
  });

  it('when SigningKeyRegistered is applied, then the key, its id and time are kept at the event revision; a replay changes nothing', async () => {
    await apply(keyRegistered(1, 'k1'), keyRegistered(2, 'k2'));
    await apply(keyRegistered(1, 'k1'), created); // replayed after a crash
    const program = await findProgramByApiKey(infra.knex, `pk_${programId}`);
    expect(program).toMatchObject({
      version: 2,
      signingKey: { keyId: 'k2', publicKeyPem: 'PEM k2', registeredAt: new Date('2026-11-22T12:00:00.000Z') },
    });
  });

  it('when the id is not a uuid, then the program is simply not found', async () => {
    expect(await findProgram(infra.knex, 'not-a-uuid')).toBeUndefined();
  });
});
