import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { feeAndOtherPrograms, newCampaign, programWithCampaign, uniqueSlug } from '../../../support/fixtures/giving.js';

type Json = Record<string, unknown>;

describe('campaigns over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const programs = () => feeAndOtherPrograms(app);
  const withCampaign = (body: Json = {}) => programWithCampaign(app, body);

  it('creates a campaign with its managers as seed 002 Users, raised 0.00', async () => {
    const { api } = await programs();
    const created = await api.post('/v1/campaigns', {
      title: 'Des arbres pour Bordeaux',
      description: '<p>500 arbres</p>',
      slug: 'Des-Arbres-Bordeaux',
      goal: '10000.00',
      start_at: '2026-11-01T00:00:00Z',
      end_at: '2027-01-31T00:00:00Z',
      image: { url: 'https://cdn.example.org/arbres.jpg' },
      managers: [{ first_name: 'Lucie', last_name: 'Martin', email: 'lucie@example.org' }],
    });
    expect(created.status).toBe(201);
    const data = created.body.data as Json;
    const campaignId = String(data.id);
    expect(data).toMatchObject({
      title: 'Des arbres pour Bordeaux',
      slug: 'des-arbres-bordeaux',
      goal: '10000.00',
      raised: '0.00',
      number_of_donors: 0,
      currency: 'EUR',
      status: 'active',
      start_at: '2026-11-01T00:00:00.000Z',
      end_at: '2027-01-31T00:00:00.000Z',
      image: { url: 'https://cdn.example.org/arbres.jpg' },
    });
    expect(String(data.url)).toMatch(/\/campaigns\/des-arbres-bordeaux$/);
    const [manager] = data.managers as Json[];
    expect(Object.keys(manager!).sort()).toEqual(
      ['campaigns', 'donated', 'email', 'first_name', 'id', 'last_name', 'phone', 'picture', 'raised', 'url'].sort(),
    );
    expect(manager).toMatchObject({
      first_name: 'Lucie',
      donated: '0.00',
      raised: '0.00',
      campaigns: [{ id: campaignId, slug: 'des-arbres-bordeaux' }],
    });
    expect(created.headers.get('etag')).toBe('"0"');
  });

  it('refuses the same slug in another program with 409 conflict_uniqueness, and a bad body with 422', async () => {
    const slug = uniqueSlug('des-arbres-bordeaux');
    const { api, other } = await programs();
    await newCampaign(api, { slug });
    const taken = await other.post('/v1/campaigns', {
      title: 'Copie',
      slug,
      goal: '10.00',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error_name).toBe('conflict_uniqueness');
    const invalid = await api.post('/v1/campaigns', { title: 'X', slug: 'bad slug!', goal: '10.00', colour: 'red' });
    expect(invalid.status).toBe(422);
    expect((invalid.body.details as Json[]).map((d) => d.field)).toEqual(expect.arrayContaining(['slug', '']));
  });

  it('hides a campaign from another program (404) and lists only the program’s own', async () => {
    const { api, other, campaignId } = await withCampaign();
    expect((await other.get(`/v1/campaigns/${campaignId}`)).status).toBe(404);
    expect((await other.patch(`/v1/campaigns/${campaignId}`, { title: 'Volé' })).status).toBe(404);
    const list = await other.get('/v1/campaigns');
    expect(list.body).toMatchObject({ data: [], paging: { page: 1, per_page: 20, total: 0 } });
    const mine = await api.get('/v1/campaigns?per_page=1');
    expect(mine.body).toMatchObject({ paging: { page: 1, per_page: 1, total: 1 } });
  });

  it('updates a campaign with If-Match and answers 412 to a stale version; a new slug frees the old one', async () => {
    const [oldSlug, newSlug] = [uniqueSlug('des-arbres-bordeaux'), uniqueSlug('arbres-bordeaux')];
    const { api, other, campaignId } = await withCampaign({ slug: oldSlug });
    const stale = await api.patch(`/v1/campaigns/${campaignId}`, { title: 'Nouveau' }, { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    const updated = await api.patch(
      `/v1/campaigns/${campaignId}`,
      { title: 'Des arbres', slug: newSlug },
      { 'If-Match': '"0"' },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ data: { title: 'Des arbres', slug: newSlug }, version: 1 });
    const reuse = await other.post('/v1/campaigns', {
      title: 'Ancien slug',
      slug: oldSlug,
      goal: '10.00',
    });
    expect(reuse.status).toBe(201);
    const clash = await api.patch(`/v1/campaigns/${campaignId}`, { slug: oldSlug });
    expect(clash.status).toBe(409);
    expect(clash.body.error_name).toBe('conflict_uniqueness');
  });

  it('archives a campaign, which then refuses new donations with 422 operation_refused', async () => {
    const { api, other, campaignId, donation } = await withCampaign();
    const archived = await api.post(`/v1/campaigns/${campaignId}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ status: 'archived', archived_at: expect.any(String) as unknown });
    const refused = await donation({ amount: '5.00', method: 'cash' });
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('operation_refused');
    expect((await other.post(`/v1/campaigns/${campaignId}/archive`)).status).toBe(404);
  });
});
