import { claimDecider } from '../../../domain/hub/claims/claim.js';
import { claimEvents, type ClaimEvent } from '../../../domain/hub/claims/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';
import { formatMinor } from '../../webhooks/payloads/index.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';

const STATUS = { ClaimFiled: 'pending', ClaimValidated: 'validated', ClaimRejected: 'rejected' } as const;

/**
 * claim_update `pending`, `validated`, `rejected`, in the seed's shape with the hub's ids (ambiguity 15): the claim as
 * its stream stood at this event, so a redelivery says the same.
 */
export const claimsWebhookSource: WebhookSource = {
  eventTypes: Object.keys(STATUS),
  names: ['claim_update'],
  async messages(event, ctx) {
    if (!(event.type in STATUS)) return [];
    const history = await ctx.store.readStream(event.streamName, { maxCount: Number(event.revision) + 1 });
    const events = history.flatMap((e) => parseEvent(claimEvents, e.type, e.data) ?? []) as ClaimEvent[];
    const state = events.reduce(claimDecider.evolve, claimDecider.initialState());
    if (state.status === 'none') return [];
    const f = state.filed;
    const rejected = events.at(-1)?.type === 'ClaimRejected' ? events.at(-1) : undefined;
    const rejection = rejected?.type === 'ClaimRejected' ? rejected.data : undefined;
    return [
      namedMessage('claim_update', {
        eventType: state.status,
        ...(await shoppingHub(ctx, f.hubId)),
        customer: { id: f.customerId, externalId: f.customerExternalId ?? '' },
        claim: {
          id: f.claimId,
          amount: formatMinor(f.amount),
          store: f.store.name,
          storeId: f.store.id,
          storeExternalId: f.store.externalId,
          status: state.status,
          rejectionReason: rejection?.rejectionReason ?? null,
          code: rejection?.code ?? null,
          date: f.filedAt,
          transactionId: state.transactionId,
          transactionDate: f.transactionDate,
        },
      }),
    ];
  },
};
