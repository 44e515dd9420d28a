import { describe, it } from 'vitest';
import { subscriptionDecider } from '../../../src/domain/webhooks/subscription.js';
import type { WebhookSubscriptionEvent } from '../../../src/domain/webhooks/subscription-events.js';
import { spec } from '../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const later = '2026-11-23T10:00:00.000Z';
const base = {
  subscriptionId: 's1',
  programId: 'p1',
  name: 'CRM',
  url: 'https://hooks.example.org/a',
  events: ['donation.created'],
  active: true,
  secretCiphertext: 'v1.k.iv.tag.ct',
};

const created: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionCreated', data: { ...base, createdAt: now } };
const deactivated: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDeactivated',
  data: { subscriptionId: 's1', reason: 'receiver answered 410', deactivatedAt: later },
};
const deleted: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionDeleted',
  data: { subscriptionId: 's1', deletedAt: later },
};

const update = (changes: Record<string, unknown>, programId = 'p1') => ({
  type: 'UpdateSubscription' as const,
  data: { programId, changes, now: later },
});
const updated = (changes: Record<string, unknown>): WebhookSubscriptionEvent => ({
  type: 'WebhookSubscriptionUpdated',
  data: { subscriptionId: 's1', changes, updatedAt: later },
});

describe('webhook subscription', () => {
  const { given } = spec(subscriptionDecider);

  describe('creating', () => {
    const create = (events: string[]) => ({ type: 'CreateSubscription' as const, data: { ...base, events, now } });
    it('when a program subscribes to known events, then WebhookSubscriptionCreated holds only the sealed secret', () => {
      given([])
        .when(create(['donation.created']))
        .then([created]);
    });
    it('when an event is named twice, then it is recorded once', () => {
      given([])
        .when(create(['donation.created', 'donation.created']))
        .then([created]);
    });
    it('when no event is named, then it is invalid_request', () => {
      given([]).when(create([])).thenThrows('invalid_request');
    });
    it('when an event is unknown, then it is invalid_request', () => {
      given([])
        .when(create(['donation.created', 'donation.exploded']))
        .thenThrows('invalid_request');
    });
    it('when the subscription exists already, then it is a conflict', () => {
      given([created])
        .when(create(['donation.created']))
        .thenThrows('conflict');
    });
  });

  describe('updating', () => {
    it('when some fields change, then only those are recorded', () => {
      given([created])
        .when(
          update({
            name: 'CRM',
            url: 'https://hooks.example.org/b',
            events: ['donation.created', 'member.registered'],
          }),
        )
        .then([updated({ url: 'https://hooks.example.org/b', events: ['donation.created', 'member.registered'] })]);
    });
    it('when the name is cleared or the subscription paused, then that is recorded', () => {
      given([created])
        .when(update({ name: null, active: false }))
        .then([updated({ name: null, active: false })]);
    });
    it('when nothing changes (the same events in another order included), then nothing is recorded', () => {
      const twoEvents: WebhookSubscriptionEvent = {
        type: 'WebhookSubscriptionCreated',
        data: { ...base, events: ['donation.created', 'member.registered'], createdAt: now },
      };
      given([twoEvents])
        .when(update({ name: 'CRM', url: base.url, active: true, events: ['member.registered', 'donation.created'] }))
        .then([]);
      given([created]).when(update({})).then([]);
    });
    it('when the events become empty or unknown, then it is invalid_request', () => {
      given([created])
        .when(update({ events: [] }))
        .thenThrows('invalid_request');
      given([created])
        .when(update({ events: ['nope'] }))
        .thenThrows('invalid_request');
    });
    it('when a deactivated subscription is made active again, then that is recorded', () => {
      given([created, deactivated])
        .when(update({ active: true }))
        .then([updated({ active: true })]);
    });
    it('when the subscription does not exist, is deleted, or is another program’s, then it is not_found', () => {
      given([])
        .when(update({ active: false }))
        .thenThrows('not_found');
      given([created, deleted])
        .when(update({ active: false }))
        .thenThrows('not_found');
      given([created])
        .when(update({ active: false }, 'p2'))
        .thenThrows('not_found');
    });
  });

  describe('deactivating (a receiver answered 410)', () => {
    const deactivate = {
      type: 'DeactivateSubscription' as const,
      data: { programId: 'p1', reason: 'receiver answered 410', now: later },
    };
    it('when an active subscription is deactivated, then WebhookSubscriptionDeactivated with the reason', () => {
      given([created]).when(deactivate).then([deactivated]);
    });
    it('when it is inactive already, then nothing is recorded', () => {
      given([created, deactivated]).when(deactivate).then([]);
      given([created, updated({ active: false })])
        .when(deactivate)
        .then([]);
    });
    it('when it is deleted or missing, then it is not_found', () => {
      given([created, deleted]).when(deactivate).thenThrows('not_found');
      given([]).when(deactivate).thenThrows('not_found');
    });
  });

  describe('deleting', () => {
    const remove = (programId = 'p1') => ({ type: 'DeleteSubscription' as const, data: { programId, now: later } });
    it('when a subscription is deleted, then WebhookSubscriptionDeleted', () => {
      given([created]).when(remove()).then([deleted]);
      given([created, deactivated]).when(remove()).then([deleted]);
    });
    it('when it is deleted already, missing or another program’s, then it is not_found', () => {
      given([created, deleted]).when(remove()).thenThrows('not_found');
      given([]).when(remove()).thenThrows('not_found');
      given([created]).when(remove('p2')).thenThrows('not_found');
    });
  });
});
