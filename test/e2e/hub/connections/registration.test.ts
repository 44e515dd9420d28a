import { describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { bearer, programWithHub, signInByCode, type HubProgram, type Json } from '../support.js';
import { BANK, CODE, consentedQuery, freshPhone, webhookBench } from './support.js';

describe('registration by bank (flow 1.3): postBankConnectionCallback and customer_subscription', () => {
  const bench = webhookBench();

  const register = async (hub: HubProgram, extra: Json = {}) => {
    const phoneNumber = freshPhone('7');
    const answer = await bench.app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, ...extra },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return { ...(answer.body.data as { customerId: string; token: string }), phoneNumber };
  };
  const consented = (hub: HubProgram, customerId: string, login: string) =>
    consentedQuery(bench.app, hub, customerId, bench.front, login);
  const registrationCallback = (hub: HubProgram, token: string, body: Json) =>
    bench.app.request('POST', '/v1/hub/auth/bank-connection-callback', {
      headers: { ...hub.key, ...bearer(token) },
      body: { bankId: BANK, ...body },
    });

  it('when a registering customer connects a bank, then subscribed (creation); a later bank sends update', async () => {
    const hub = await programWithHub(bench.app, { externalId: 'mall-sub' });
    await bench.app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const hook = await bench.app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: bench.receiver.url, events: ['customer_subscription'] },
    });
    const secret = String((hook.body.data as Json).secret);
    const me = await register(hub, { customerExternalId: 'cust-sub' });
    const other = await register(hub);

    const queryString = await consented(hub, me.customerId, 'sandbox-ok+reg');
    const stolen = await registrationCallback(hub, other.token, { customerId: me.customerId, queryString });
    expect(stolen.status).toBe(403);
    const created = await registrationCallback(hub, me.token, {
      customerId: me.customerId,
      dataProviderConnectionId: 'provider-side-id',
      queryString,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({
      customerId: me.customerId,
      connection: { type: 'bank', bank: { id: BANK }, status: 'synchronized' },
    });
    const found = await bench.app.request('GET', `/v1/hub/customers/${me.customerId}`, { headers: hub.program });
    expect(found.body.data).toMatchObject({ status: 'subscribed', dataProviderType: 'bank' });

    // A later method, by the signed-in customer: the same login again is credentialsPreviouslyUsed.
    const signedIn = await signInByCode(bench.app, hub, me.phoneNumber, CODE);
    const later = await bench.app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(signedIn.token),
      body: { bankId: BANK, queryString: await consented(hub, me.customerId, 'sandbox-ok+reg') },
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);

    const bodies = () =>
      bench.receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => b.customerId === me.customerId);
    await until(() => bodies().length >= 2);
    const byStatus = Object.fromEntries(bodies().map((b) => [String(b.status), b])) as Record<string, Json>;
    expect(byStatus.creation).toMatchObject({
      event: 'customer_subscription',
      customerExternalId: 'cust-sub',
      credentialsPreviouslyUsed: false,
      dataProviderType: 'bank',
      shoppingHubId: hub.hub.id,
      shoppingHubExternalId: 'mall-sub',
    });
    expect(byStatus.update).toMatchObject({ credentialsPreviouslyUsed: true, dataProviderType: 'bank' });
    const publicKeyPem = await publishedKey(bench.app.baseUrl);
    for (const delivery of bench.receiver.received.filter((r) => r.body.toString('utf8').includes(me.customerId)))
      expect(verifyDelivery(delivery, { receiverUrl: bench.receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });

  it('when a required PSD2 optin is not accepted, then 422 requiredOptin and the state is not spent', async () => {
    const hub = await programWithHub(bench.app);
    await bench.app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const optins = await bench.app.request('PUT', '/v1/hub/optins', {
      headers: hub.program,
      body: { registrationType: 'PSD2', optins: [{ code: 'psd2', label: { fr: 'PSD2' }, required: true }] },
    });
    expect(optins.status, JSON.stringify(optins.body)).toBeLessThan(300);
    const refused = await register(hub);
    const queryString = await consented(hub, refused.customerId, 'sandbox-ok');
    const answer = await registrationCallback(hub, refused.token, { customerId: refused.customerId, queryString });
    expect(answer.status).toBe(422);
    expect((answer.body.details as Json[])[0]?.code).toBe('requiredOptin');

    // The state was not spent: once the hub no longer requires the optin, the same answer connects.
    await bench.app.request('PUT', '/v1/hub/optins', {
      headers: hub.program,
      body: { registrationType: 'PSD2', optins: [{ code: 'psd2', label: { fr: 'PSD2' }, required: false }] },
    });
    const again = await registrationCallback(hub, refused.token, { customerId: refused.customerId, queryString });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    await bench.app.request('PUT', '/v1/hub/optins', {
      headers: hub.program,
      body: { registrationType: 'PSD2', optins: [{ code: 'psd2', label: { fr: 'PSD2' }, required: true }] },
    });
    const agreed = await register(hub, { optins: [{ code: 'psd2', value: true }] });
    const ok = await registrationCallback(hub, agreed.token, {
      customerId: agreed.customerId,
      queryString: await consented(hub, agreed.customerId, 'sandbox-ok'),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = await registrationCallback(hub, agreed.token, { customerId: 'nope', queryString: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.error_name).toBe('invalid_request');
  });
});
