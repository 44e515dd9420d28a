import type { WebhookEventName } from '../../domain/webhooks/event-names.js';
import type { WebhookPayload } from '../webhooks/payloads/index.js';
import { samplePayload, type SampleContext } from '../webhooks/samples/index.js';

/** Fixed time and ids, so the document is the same on every start. */
const EXAMPLE_CONTEXT: SampleContext = {
  now: new Date('2026-11-22T10:00:00.000Z'),
  id: (n) => `6f1c2b9e-4f3a-4c1e-8b2d-${String(n).padStart(12, '0')}`,
};

/**
 * A resource as the API shows it, taken from the webhook sample whose `data` is
 * that resource: the document's examples and the webhooks' samples cannot drift apart.
 */
export const resourceExample = <N extends WebhookEventName>(
  name: N,
): WebhookPayload<N> extends { data: infer D } ? D : never =>
  (samplePayload(name, EXAMPLE_CONTEXT) as { data: WebhookPayload<N> extends { data: infer D } ? D : never }).data;
