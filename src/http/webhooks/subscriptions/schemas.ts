import { z } from 'zod';
import { WEBHOOK_EVENT_NAMES } from '../../../domain/webhooks/event-names.js';
import type { SubscriptionRow } from '../../../projections/webhooks/queries.js';

const name = z.string().trim().min(1).max(200).nullable();
/** The form only: scheme and host are checked by the URL guard, which needs the configuration and DNS. */
const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .pipe(z.url({ message: 'a URL such as https://example.org/hooks' }));
const events = z
  // Each name is checked below, one detail per unknown name; the document lists them.
  .array(
    z
      .string()
      .max(100)
      .meta({ enum: [...WEBHOOK_EVENT_NAMES] }),
    { error: 'a list of event names' },
  )
  .min(1, 'at least one event is required')
  .max(WEBHOOK_EVENT_NAMES.length * 2)
  .superRefine((names, ctx) => {
    names.forEach((event, i) => {
      if (!(WEBHOOK_EVENT_NAMES as readonly string[]).includes(event))
        ctx.addIssue({ code: 'custom', path: [i], message: `unknown event "${event}"` });
    });
  });

export const createSubscriptionBody = z.strictObject({
  name: name.optional(),
  url,
  events,
  active: z.boolean().default(true),
});

export const patchSubscriptionBody = z.strictObject({
  name: name.optional(),
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional(),
});

export const subscriptionIdParam = z.object({ id: z.string() });

/** A subscription as the API shows it: never its secret. */
export function presentSubscription(subscription: SubscriptionRow) {
  return {
    id: subscription.id,
    name: subscription.name,
    url: subscription.url,
    events: subscription.events,
    active: subscription.active,
    created_at: subscription.createdAt.toISOString(),
    updated_at: subscription.updatedAt.toISOString(),
  };
}
