import { expect } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import type { Receiver } from '../../../support/receiver.js';
import { BANK, type BankFront } from '../connections/support.js';
import { bearer, type Json } from '../support.js';
import { hooksOf, scanHub, type ScanHub } from '../receipts/support.js';
import { connectedCustomer, runJob, startJourney, type Journey } from '../transactions/support.js';

/**
 * The claims e2e files' shared world: one journey (app, webhook receiver, bank front) started by `start()` in a
 * file's beforeAll and stopped by `stop()` in its afterAll, and the helpers the tests file and read claims with.
 */
export function claimsWorld() {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;

  async function start(): Promise<Journey> {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
      // claimExpiry rejects at its first run whatever no sync matched: the tests run it by hand, per hub.
      HUB_CLAIM_EXPIRY_DAYS: '0',
    });
    ({ app, receiver, front } = journey);
    return journey;
  }
  const stop = () => journey.stop();

  /** A scan hub with the sandbox bank, and a customer whose sandbox-ok connection was synced once. */
  async function bankCustomer(externalId: string, extra: Json = {}) {
    const hub = await scanHub(app, receiver, externalId, extra);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const me = await connectedCustomer(app, hub, front, `sandbox-ok+${externalId}`, '7');
    expect((await runJob(app, 'bankSync', hub.hubId)).status).toBe(200);
    return { hub, me };
  }
  const claim = (hub: ScanHub, token: string | null, body: Json) =>
    app.request('POST', '/v1/hub/claims', { headers: token === null ? hub.program : bearer(token), body });
  const claimHooks = (hub: ScanHub, claimId: string) =>
    hooksOf(receiver, 'claim_update', hub.hubId).filter(({ body }) => (body.claim as Json).id === claimId);
  /** The claim_update of one status: deliveries may arrive in any order. */
  const hookOf = (hub: ScanHub, claimId: string, eventType: string) =>
    claimHooks(hub, claimId).find(({ body }) => body.eventType === eventType)?.body;
  const unaffected = async (hub: ScanHub) =>
    (await app.request('GET', '/v1/hub/transactions/unaffected', { headers: hub.program })).body.data as Json[];
  const inject = async (hub: ScanHub, connectionId: string, label: string, amount: string, purchaseDate: string) => {
    const answer = await app.request('POST', `/v1/hub/sandbox/bank-connections/${connectionId}/transactions?sync=now`, {
      headers: hub.program,
      body: { transactions: [{ label, amount, purchaseDate }] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  return { start, stop, bankCustomer, claim, claimHooks, hookOf, unaffected, inject };
}
