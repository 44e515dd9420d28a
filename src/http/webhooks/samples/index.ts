import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import { fulfillmentSamples } from '../../fulfillment/webhooks/samples.js';
import { memberSamples } from '../../members/members/samples.js';
import { useSamples } from '../../perks/uses/samples.js';
import type { WebhookPayload } from '../payloads/index.js';
import { givingSamples } from './giving.js';
import { offerSamples } from './offers.js';
import { shoppingHubSamples } from './shopping-hub.js';
import type { SampleContext } from './time.js';

export type { SampleContext } from './time.js';

const samples: { readonly [N in WebhookEventName]: (ctx: SampleContext) => WebhookPayload<N> } = {
  ...shoppingHubSamples,
  ...offerSamples,
  ...givingSamples,
  ...memberSamples,
  ...useSamples,
  ...fulfillmentSamples,
};

/**
 * A realistic payload of the event, for `POST /v1/admin/webhook/:camelCaseEventName`:
 * dates from `now`, ids from `id(1)`, `id(2)` …, so the same inputs give the same sample.
 */
export function samplePayload<N extends WebhookEventName>(name: N, ctx: SampleContext): WebhookPayload<N> {
  return samples[name](ctx);
}
