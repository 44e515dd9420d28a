import { expect } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, type Receiver } from '../../../support/receiver.js';
import { CODE } from '../connections/support.js';
import { programWithHub, type HubProgram, type Json } from '../support.js';

/** What the cashbacks e2e files share: the app, a webhook receiver, the hub 'mall-cb' and its webhook's secret. */
export interface CashbacksWorld {
  readonly app: TestApp;
  readonly receiver: Receiver;
  readonly hub: HubProgram;
  readonly hubId: string;
  readonly secret: string;
  stop(): Promise<void>;
}

/** Starts the receiver and the app, creates the hub and subscribes the receiver to both cashback events. */
export async function startCashbacksWorld(): Promise<CashbacksWorld> {
  const receiver = await startReceiver();
  // The jobs route drives payouts here; the workers' own timers stay out of the way.
  const app = await startTestApp({
    WEBHOOK_ALLOW_PRIVATE: 'true',
    SMS_SANDBOX_CODE: CODE,
    CASHBACK_RETRY_SCHEDULE: '1ms,1ms',
    HUB_CASHBACK_SUBMIT_EVERY_MS: '3600000',
    HUB_CASHBACK_SETTLE_EVERY_MS: '3600000',
    HUB_CASHBACK_PROCESS_EVERY_MS: '3600000',
  });
  const hub = await programWithHub(app, { externalId: 'mall-cb' });
  const hubId = hub.hub.id as string;
  const hook = await app.request('POST', '/v1/webhooks', {
    headers: hub.program,
    body: { url: receiver.url, events: ['cashbacks_updated', 'cashback_method_updated'] },
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  const secret = String((hook.body.data as Json).secret);
  return {
    app,
    receiver,
    hub,
    hubId,
    secret,
    async stop() {
      await app.stop();
      await receiver.close();
    },
  };
}
