import { deciderFromNone, evolveFromNone, type Command, type Decider, type NoneOr } from '../shared/decider.js';
import { updatedEvents } from '../shared/entity.js';
import { DomainError, refused } from '../shared/errors.js';
import type { InvitedContact, MemberEvent, MemberProfile, ProfileChanges, SubscriptionPlan } from './events.js';
import {
  changePlan,
  decideChargePeriod,
  evolveCharged,
  evolveFailed,
  firstPeriodCharged,
  type ChargePeriodData,
  type Payment,
  type Subscription,
} from './subscription.js';

export type { Subscription } from './subscription.js';

export type MemberState = NoneOr<{
  readonly status: 'registered';
  readonly memberId: string;
  readonly profile: MemberProfile;
  readonly causeId: string | null;
  readonly subscription: Subscription | null;
  /** How many subscriptions were started: names the first charge of each. */
  readonly subscriptionsStarted: number;
  readonly sponsorCode: string | null;
  readonly sessions: ReadonlySet<string>;
}>;

export type MemberCommand =
  | Command<
      'RegisterMember',
      {
        readonly memberId: string;
        readonly programId: string;
        readonly profile: MemberProfile;
        readonly passwordHash: string;
      }
    >
  | Command<'UpdateProfile', { readonly changes: ProfileChanges }>
  | Command<
      'Subscribe',
      {
        readonly plan: SubscriptionPlan;
        readonly amount: number | null;
        readonly currency: string;
        readonly causeId: string | null;
        /** The first period's charge, when this starts a subscription billed here. */
        readonly payment?: Payment;
      }
    >
  | Command<'StopSubscription'>
  /** A profile PATCH: the changed fields, then the subscription asked for, in one append. */
  | Command<'PatchMember', { readonly changes: ProfileChanges; readonly subscribe: Omit<SubscribeData, 'now'> | null }>
  | { readonly type: 'ChargePeriod'; readonly data: ChargePeriodData }
  | Command<'RecordContacts', { readonly contacts: readonly InvitedContact[] }>
  | Command<'IssueSponsorCode', { readonly code: string }>
  | Command<
      'SignIn',
      { readonly sessionId: string; readonly tokenDigest: string; readonly method: 'password' | 'external_token' }
    >
  | Command<'SignOut', { readonly sessionId: string }>;

type Registered = Extract<MemberState, { status: 'registered' }>;
type SubscribeData = Extract<MemberCommand, { type: 'Subscribe' }>['data'];

const evolve = evolveFromNone<Registered, MemberEvent, 'MemberRegistered'>(
  'MemberRegistered',
  ({ memberId, profile }) => ({
    status: 'registered',
    memberId,
    profile,
    causeId: null,
    subscription: null,
    subscriptionsStarted: 0,
    sponsorCode: null,
    sessions: new Set(),
  }),
  {
    MemberProfileUpdated: (state, { changes }) => {
      const { causeId, ...profile } = changes;
      return {
        ...state,
        profile: { ...state.profile, ...profile },
        causeId: causeId === undefined ? state.causeId : causeId,
      };
    },
    MemberSubscribed: (state, { plan, amount, currency, causeId, subscribedAt }) => {
      const subscription = changePlan(state.subscription, { plan, amount, currency, since: subscribedAt });
      const started = state.subscription ? state.subscriptionsStarted : state.subscriptionsStarted + 1;
      return { ...state, causeId: causeId ?? state.causeId, subscription, subscriptionsStarted: started };
    },
    MemberSubscriptionStopped: (state) => ({ ...state, subscription: null }),
    SubscriptionCharged: (state, { periodStart }) => ({
      ...state,
      subscription: evolveCharged(state.subscription, periodStart),
    }),
    SubscriptionChargeFailed: (state) => ({ ...state, subscription: evolveFailed(state.subscription) }),
    ContactsRecorded: (state) => state,
    SponsorCodeIssued: (state, { code }) => ({ ...state, sponsorCode: code }),
    MemberSignedIn: (state, { sessionId }) => ({ ...state, sessions: new Set([...state.sessions, sessionId]) }),
    MemberSignedOut: (state, { sessionId }) => ({
      ...state,
      sessions: new Set([...state.sessions].filter((id) => id !== sessionId)),
    }),
  },
);

/** Only the fields that really change, so a PATCH that repeats the profile records nothing. */
function changed(state: Registered, changes: ProfileChanges): ProfileChanges {
  const current: Record<string, unknown> = { ...state.profile, causeId: state.causeId };
  return Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== undefined && current[key] !== value),
  );
}

const profileUpdated = (state: Registered, changes: ProfileChanges, now: string): MemberEvent[] =>
  updatedEvents('MemberProfileUpdated', { memberId: state.memberId }, changed(state, changes), now);

/**
 * Subscribing, or changing the plan, amount or cause of a running subscription
 * (effective from the next period, nothing charged now). Starting one with a
 * payment records the first period's charge with it; a declined one refuses.
 */
function subscribe(state: Registered, data: SubscribeData): MemberEvent[] {
  const { memberId } = state;
  const { plan, currency, now } = data;
  const amount = data.amount ?? state.subscription?.amount ?? null;
  if (amount === null || amount <= 0)
    throw refused('a subscription needs an amount', [{ field: 'amount', message: 'required to subscribe' }]);
  const causeId = data.causeId ?? state.causeId;
  if (
    state.subscription &&
    state.subscription.plan === plan &&
    state.subscription.amount === amount &&
    causeId === state.causeId
  )
    return [];
  const subscribed: MemberEvent = {
    type: 'MemberSubscribed',
    data: { memberId, plan, amount, currency, causeId, subscribedAt: now },
  };
  if (state.subscription || !data.payment) return [subscribed];
  return [subscribed, firstPeriodCharged({ memberId, plan, causeId, amount, currency, now }, data.payment)];
}

function decideFor(command: Exclude<MemberCommand, { type: 'RegisterMember' }>, state: Registered): MemberEvent[] {
  const { memberId } = state;
  switch (command.type) {
    case 'UpdateProfile':
      return profileUpdated(state, command.data.changes, command.data.now);
    case 'Subscribe':
      return subscribe(state, command.data);
    case 'PatchMember': {
      const { changes, subscribe: asked, now } = command.data;
      const updated = profileUpdated(state, changes, now);
      if (!asked) return updated;
      const after = updated.reduce(evolve, state) as Registered;
      return [...updated, ...subscribe(after, { ...asked, now })];
    }
    case 'StopSubscription':
      return state.subscription
        ? [{ type: 'MemberSubscriptionStopped', data: { memberId, stoppedAt: command.data.now } }]
        : [];
    case 'ChargePeriod':
      return decideChargePeriod(memberId, state.causeId, state.subscription, command.data);
    case 'RecordContacts':
      if (command.data.contacts.length === 0) return [];
      return [
        {
          type: 'ContactsRecorded',
          data: { memberId, contacts: [...command.data.contacts], recordedAt: command.data.now },
        },
      ];
    case 'IssueSponsorCode':
      // Issued once: every later call shows the same code.
      if (state.sponsorCode !== null) return [];
      return [{ type: 'SponsorCodeIssued', data: { memberId, code: command.data.code, issuedAt: command.data.now } }];
    case 'SignIn': {
      const { sessionId, tokenDigest, method, now } = command.data;
      return [{ type: 'MemberSignedIn', data: { memberId, sessionId, tokenDigest, method, signedInAt: now } }];
    }
    case 'SignOut':
      if (!state.sessions.has(command.data.sessionId)) return [];
      return [
        {
          type: 'MemberSignedOut',
          data: { memberId, sessionId: command.data.sessionId, signedOutAt: command.data.now },
        },
      ];
  }
}

/** Whether subscribing with these terms starts a subscription (and so charges its first period). */
export const startsSubscription = (state: MemberState): boolean =>
  state.status === 'registered' && state.subscription === null;

function decide(command: MemberCommand, state: MemberState): MemberEvent[] {
  if (command.type === 'RegisterMember') {
    if (state.status !== 'none') throw new DomainError('conflict', 'the member is registered already');
    const { now, ...data } = command.data;
    return [{ type: 'MemberRegistered', data: { ...data, registeredAt: now } }];
  }
  if (state.status !== 'registered') throw new DomainError('not_found', 'member not found');
  return decideFor(command, state);
}

export const memberDecider: Decider<MemberState, MemberCommand, MemberEvent> = deciderFromNone(evolve, decide);
