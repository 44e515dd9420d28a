import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import type { WebhookPayload } from '../payloads/index.js';
import { at, type SampleContext } from './time.js';

/** The envelope of a seed 002 or member sample: `ctx.id(1)` is always the event's id, recorded at `now`. */
export const envelopeHead = <T extends string>(ctx: SampleContext, type: T) => ({
  id: ctx.id(1),
  type,
  created_at: at(ctx),
});

/** The enveloped events' names: those whose payload carries its resource in `data`. */
type EnvelopedName = {
  [N in WebhookEventName]: WebhookPayload<N> extends { readonly data: unknown } ? N : never;
}[WebhookEventName];
type DataOf<N extends EnvelopedName> = Extract<WebhookPayload<N>, { readonly data: unknown }>['data'];

/** The sample of an enveloped event: the head every sample shares, around the data `data` builds. */
export const enveloped =
  <N extends EnvelopedName>(type: N, data: (ctx: SampleContext) => DataOf<N>) =>
  (ctx: SampleContext): WebhookPayload<N> =>
    ({ ...envelopeHead(ctx, type), data: data(ctx) }) as WebhookPayload<N>;

/** Seed 004's flat events' names: those whose payload names its event in `event`. */
type FlatName = {
  [N in WebhookEventName]: WebhookPayload<N> extends { readonly event: N } ? N : never;
}[WebhookEventName];
type FlatSamples<K extends FlatName> = { readonly [N in K]: (ctx: SampleContext) => WebhookPayload<N> };

/** Flat events' samples by name: each payload's `event` is its name in the table, first, then what its entry builds. */
export function flatSamples<K extends FlatName>(fields: {
  readonly [N in K]: (ctx: SampleContext) => Omit<WebhookPayload<N>, 'event'>;
}): FlatSamples<K> {
  const builds = Object.entries<(ctx: SampleContext) => object>(fields);
  return Object.fromEntries(
    builds.map(([event, build]) => [event, (ctx: SampleContext) => ({ event, ...build(ctx) })]),
  ) as FlatSamples<K>;
}
