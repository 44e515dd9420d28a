import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causeCategoryFields, causeFields } from '../../../src/domain/causes/events.js';
import { causesProjection } from '../../../src/projections/causes/causes.js';
import { findCause, findCauseCategory } from '../../../src/projections/causes/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';

/* One case per event type the causes projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-11-22T10:00:00.000Z';

describe('the causes projection', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const on = (stream: string) => ({ stream, tenantId: programId, createdAt: AT });
  const categoryCreated = (id: string, name: string) =>
    recorded(
      'CauseCategoryCreated',
      { id, programId, fields: causeCategoryFields.parse({ name, color: '#00ff00' }), createdAt: AT },
      on(`cause-category-${id}`),
    );
  const causeCreated = (id: string, fields: object) =>
    recorded('CauseCreated', { id, programId, fields: causeFields.parse(fields), createdAt: AT }, on(`cause-${id}`));

  it('when CauseCategoryCreated is applied, then the category row holds its fields at version 0', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, causesProjection, [categoryCreated(id, 'Climate')], { replayed: true });
    expect(await findCauseCategory(infra.knex, programId, id)).toEqual({
      id,
      program_id: programId,
      name: 'Climate',
      color: '#00ff00',
      picture: null,
      active: true,
      version: '0',
      created_at: new Date(AT),
    });
  });

  it('when CauseCategoryUpdated is applied, then only the changed fields change and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const created = categoryCreated(id, 'Sea');
    const renamed = recorded(
      'CauseCategoryUpdated',
      { id, changes: { name: 'Oceans' }, updatedAt: AT },
      on(`cause-category-${id}`),
    );
    const deactivated = recorded(
      'CauseCategoryUpdated',
      { id, changes: { active: false }, updatedAt: AT },
      on(`cause-category-${id}`),
    );
    await applyToDb(infra.knex, causesProjection, [created, renamed, deactivated], { replayed: true });
    await applyToDb(infra.knex, causesProjection, [renamed]);
    expect(await findCauseCategory(infra.knex, programId, id)).toMatchObject({
      name: 'Oceans',
      color: '#00ff00',
      active: false,
      version: '2',
    });
  });

  it('when CauseCreated is applied, then the cause row holds its fields, with its category name joined and no likes', async () => {
    const [categoryId, id] = [randomUUID(), randomUUID()];
    await applyToDb(infra.knex, causesProjection, [categoryCreated(categoryId, 'Education')]);
    const created = causeCreated(id, {
      name: 'Books for all',
      causeCategoryId: categoryId,
      city: 'Pau',
      latitude: 43.3,
      longitude: -0.37,
      linkVideo: 'https://v.example.org/1',
      active: false,
      proposedBy: 'api_key',
    });
    await applyToDb(infra.knex, causesProjection, [created], { replayed: true });
    expect(await findCause(infra.knex, programId, id)).toMatchObject({
      id,
      program_id: programId,
      name: 'Books for all',
      cause_category_id: categoryId,
      cause_category: 'Education',
      city: 'Pau',
      latitude: 43.3,
      longitude: -0.37,
      link_video: 'https://v.example.org/1',
      impact: null,
      active: false,
      proposed_by: 'api_key',
      like_count: 0,
      version: '0',
    });
    // Another program sees nothing of it.
    expect(await findCause(infra.knex, randomUUID(), id)).toBeUndefined();
  });

  it('when CauseUpdated is applied, then only the changed fields change and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const created = causeCreated(id, { name: 'Trees', city: 'Dax' });
    const activated = recorded(
      'CauseUpdated',
      { id, changes: { active: true, representativeFirstName: 'Ada' }, updatedAt: AT },
      on(`cause-${id}`),
    );
    const moved = recorded('CauseUpdated', { id, changes: { city: 'Bayonne' }, updatedAt: AT }, on(`cause-${id}`));
    await applyToDb(infra.knex, causesProjection, [created, activated, moved], { replayed: true });
    await applyToDb(infra.knex, causesProjection, [activated]);
    expect(await findCause(infra.knex, programId, id)).toMatchObject({
      name: 'Trees',
      city: 'Bayonne',
      active: true,
      representative_first_name: 'Ada',
      proposed_by: 'program',
      version: '2',
    });
  });
});
