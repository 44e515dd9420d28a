import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import type { Receiver } from '../../../support/receiver.js';
import { bearer } from '../support.js';
import { startJourney, type Journey } from '../transactions/support.js';
import { hooksOf, jpeg, scanHub, upload, type ScanHub } from './support.js';

/** What the receipts e2e files share: an app, a real webhook receiver and a scan hub, started once per file. */
export interface ReceiptsWorld {
  journey: Journey;
  app: TestApp;
  receiver: Receiver;
  hub: ScanHub;
  /** The receipt_updated deliveries of one receipt. */
  receiptHooks: (receiptId: string) => ReturnType<typeof hooksOf>;
  /** The statuses sent for a receipt, sorted: deliveries of one append may arrive in either order. */
  statuses: (receiptId: string) => string[];
  /** A customer's upload of a receipt image. */
  post: (token: string, filename: string, bytes?: Buffer, fields?: Record<string, string>) => ReturnType<typeof upload>;
}

/**
 * Starts the world in a beforeAll and stops it in an afterAll of the calling describe; its fields are set once that
 * beforeAll has run, its functions may be destructured at once.
 */
export function receiptsWorld(): ReceiptsWorld {
  const world = {
    receiptHooks: (receiptId: string) =>
      hooksOf(world.receiver, 'receipt_updated', world.hub.hubId).filter(({ body }) => body.receiptId === receiptId),
    statuses: (receiptId: string) =>
      world
        .receiptHooks(receiptId)
        .map(({ body }) => String(body.status))
        .sort(),
    post: (token: string, filename: string, bytes = jpeg(), fields: Record<string, string> = {}) =>
      upload(world.app, '/v1/hub/customer/receipts', bearer(token), { filename, bytes, fields }),
  } as ReceiptsWorld;
  beforeAll(async () => {
    world.journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
    ({ app: world.app, receiver: world.receiver } = world.journey);
    world.hub = await scanHub(world.app, world.receiver, 'mall-scan');
  });
  afterAll(() => world.journey.stop());
  return world;
}
