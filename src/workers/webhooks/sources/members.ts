import { memberWebhookPayloads } from '../../../domain/webhooks/payloads/members.js';
import type { WebhookSource } from './types.js';

export const memberWebhookSource: WebhookSource = {
  eventTypes: ['MemberRegistered', 'MemberSubscribed', 'MemberSubscriptionStopped'],
  messages: (event) => memberWebhookPayloads(event, { eventId: event.id, createdAt: event.createdAt.toISOString() }),
};
