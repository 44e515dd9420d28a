import { deciderFromNone, type Decider, type NoneOr, type ProgramCommand } from '../shared/decider.js';
import { updatedEvents } from '../shared/entity.js';
import { DomainError, notFound, type ErrorDetail } from '../shared/errors.js';
import { isWebhookEventName } from './event-names.js';
import type { SubscriptionChanges, WebhookSubscriptionEvent } from './subscription-events.js';

export type SubscriptionState = NoneOr<
  | {
      readonly status: 'live';
      readonly subscriptionId: string;
      readonly programId: string;
      readonly name: string | null;
      readonly url: string;
      readonly events: readonly string[];
      readonly active: boolean;
    }
  | { readonly status: 'deleted'; readonly subscriptionId: string; readonly programId: string }
>;

export type SubscriptionCommand =
  | ProgramCommand<
      'CreateSubscription',
      {
        readonly subscriptionId: string;
        readonly name: string | null;
        /** Already checked by the caller (scheme, SSRF guard): resolving hosts is not the domain's work. */
        readonly url: string;
        readonly events: readonly string[];
        readonly active: boolean;
        readonly secretCiphertext: string;
      }
    >
  | ProgramCommand<'UpdateSubscription', { readonly changes: SubscriptionChanges }>
  | ProgramCommand<'DeactivateSubscription', { readonly reason: string }>
  | ProgramCommand<'DeleteSubscription'>;

type Live = Extract<SubscriptionState, { status: 'live' }>;

/** Unique, in the order given: the same set asked twice is the same subscription. */
const distinct = (events: readonly string[]): string[] => [...new Set(events)];

function checkEvents(events: readonly string[]): string[] {
  const details: ErrorDetail[] = [];
  if (events.length === 0) details.push({ field: 'events', message: 'at least one event is required' });
  events.forEach((name, i) => {
    if (!isWebhookEventName(name)) details.push({ field: `events.${i}`, message: `unknown event "${name}"` });
  });
  if (details.length > 0)
    throw new DomainError('invalid_request', 'the subscription names no event or an unknown one', details);
  return distinct(events);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name) => b.includes(name));

/** Only the fields that really change, so a PATCH that repeats the subscription records nothing. */
function changed(state: Live, changes: SubscriptionChanges): SubscriptionChanges {
  const result: { -readonly [K in keyof SubscriptionChanges]: SubscriptionChanges[K] } = {};
  if (changes.name !== undefined && changes.name !== state.name) result.name = changes.name;
  if (changes.url !== undefined && changes.url !== state.url) result.url = changes.url;
  if (changes.active !== undefined && changes.active !== state.active) result.active = changes.active;
  if (changes.events !== undefined) {
    const events = checkEvents(changes.events);
    if (!sameSet(events, state.events)) result.events = events;
  }
  return result;
}

function evolve(state: SubscriptionState, event: WebhookSubscriptionEvent): SubscriptionState {
  if (event.type === 'WebhookSubscriptionCreated') {
    const { subscriptionId, programId, name, url, events, active } = event.data;
    return { status: 'live', subscriptionId, programId, name, url, events, active };
  }
  if (state.status !== 'live') return state;
  switch (event.type) {
    case 'WebhookSubscriptionUpdated': {
      const { name, url, events, active } = event.data.changes;
      return {
        ...state,
        name: name === undefined ? state.name : name,
        url: url ?? state.url,
        events: events ?? state.events,
        active: active ?? state.active,
      };
    }
    case 'WebhookSubscriptionDeactivated':
      return { ...state, active: false };
    case 'WebhookSubscriptionDeleted':
      return { status: 'deleted', subscriptionId: state.subscriptionId, programId: state.programId };
  }
}

function decideFor(
  command: Exclude<SubscriptionCommand, { type: 'CreateSubscription' }>,
  state: Live,
): WebhookSubscriptionEvent[] {
  const { subscriptionId } = state;
  switch (command.type) {
    case 'UpdateSubscription': {
      const changes = changed(state, command.data.changes);
      return updatedEvents('WebhookSubscriptionUpdated', { subscriptionId }, changes, command.data.now);
    }
    case 'DeactivateSubscription':
      if (!state.active) return [];
      return [
        {
          type: 'WebhookSubscriptionDeactivated',
          data: { subscriptionId, reason: command.data.reason, deactivatedAt: command.data.now },
        },
      ];
    case 'DeleteSubscription':
      return [{ type: 'WebhookSubscriptionDeleted', data: { subscriptionId, deletedAt: command.data.now } }];
  }
}

function decide(command: SubscriptionCommand, state: SubscriptionState): WebhookSubscriptionEvent[] {
  if (command.type === 'CreateSubscription') {
    if (state.status !== 'none') throw new DomainError('conflict', 'the subscription exists already');
    const { now, events, ...data } = command.data;
    return [{ type: 'WebhookSubscriptionCreated', data: { ...data, events: checkEvents(events), createdAt: now } }];
  }
  // Another program's subscription does not exist for this one.
  if (state.status !== 'live' || state.programId !== command.data.programId) throw notFound('webhook subscription');
  return decideFor(command, state);
}

export const subscriptionDecider: Decider<SubscriptionState, SubscriptionCommand, WebhookSubscriptionEvent> =
  deciderFromNone(evolve, decide);
