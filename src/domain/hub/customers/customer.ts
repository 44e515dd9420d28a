import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, notFound, refused } from '../../shared/errors.js';
import type { RegistrationType } from '../hubs/events.js';
import {
  methodMissing,
  methodRetrieved,
  type CashbackMethod,
  type MissingReason,
} from '../cashbacks/favorite-account.js';
import type { CustomerEvent, CustomerProfile, OptinValue } from './events.js';
import { assertNoneOff, assertOptins } from './optins.js';

type Registered = Extract<CustomerEvent, { type: 'CustomerRegistrationStarted' }>['data'];
type Subscribed = Extract<CustomerEvent, { type: 'CustomerSubscribed' }>['data'];

export type CustomerState = NoneOr<{
  readonly status: 'registering' | 'deleted';
  readonly customerId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly profile: CustomerProfile;
  /** The personal fields, sealed under the customer's data key. */
  readonly personal: string;
  /** The sealed scrypt hash, or null while none is set. */
  readonly password: string | null;
  readonly locked: boolean;
  readonly optins: Readonly<Partial<Record<RegistrationType, readonly OptinValue[]>>>;
  /** The sources (connections, receipts) of the customer's payment methods: subscribed once there is one. */
  readonly methods: readonly string[];
  /** The favorite account's FavoriteAccountSet data (sealed), and the cashback method as last said (flow 3.7). */
  readonly favoriteAccount?: FavoriteAccount;
  readonly cashbackMethod?: CashbackMethod;
}>;
type FavoriteAccount = Extract<CustomerEvent, { type: 'FavoriteAccountSet' }>['data'];

type Now = { readonly now: string };
export type CustomerCommand =
  | { readonly type: 'Register'; readonly data: Omit<Registered, 'registrationDate'> & Now }
  | {
      readonly type: 'UpdateProfile';
      readonly data: { readonly changes: Partial<CustomerProfile>; readonly personal?: string } & Now;
    }
  | {
      readonly type: 'UpdateOptins';
      readonly data: {
        readonly registrationType: RegistrationType;
        readonly optins: readonly OptinValue[];
        /** The codes the hub requires for this type: none of them may be off. */
        readonly required: readonly string[];
      } & Now;
    }
  /** From the profile: only while no password is set. */
  | { readonly type: 'SetPassword'; readonly data: { readonly password: string } & Now }
  /** From the emailed link: sets it whatever it was, and unlocks. */
  | { readonly type: 'ResetPassword'; readonly data: { readonly password: string } & Now }
  /** The current password was checked by the caller. */
  | { readonly type: 'ChangePassword'; readonly data: { readonly password: string } & Now }
  | { readonly type: 'LockPassword'; readonly data: Now }
  | { readonly type: 'UnlockPassword'; readonly data: Now }
  | { readonly type: 'RecordPasswordEmail'; readonly data: Now }
  | { readonly type: 'RecordTemporaryCode'; readonly data: { readonly verified: boolean } & Now }
  | { readonly type: 'Track'; readonly data: { readonly eventName: string; readonly value: string | null } & Now }
  | { readonly type: 'Delete'; readonly data: { readonly by: 'customer' | 'program' } & Now }
  | {
      readonly type: 'SetFavoriteAccount';
      readonly data: Pick<FavoriteAccount, 'account' | 'display' | 'last4'> & Now;
    }
  | { readonly type: 'MarkCashbackMethodMissing'; readonly data: { readonly reason: MissingReason } & Now }
  /** A payment method came: the first completes the subscription, a later one is linked beside it. */
  | {
      readonly type: 'Subscribe';
      readonly data: Omit<Subscribed, 'customerId' | 'subscribedAt'> & {
        /** The optins type the method implies (flow 1.4) and the codes the hub requires for it. */
        readonly registrationType: RegistrationType;
        readonly required: readonly string[];
      } & Now;
    };

type Existing = Exclude<CustomerState, { status: 'none' }>;

const unchanged = (state: Existing): Existing => state;
const password = (state: Existing, { password }: { readonly password: string }): Existing => ({ ...state, password });
const withMethod = (state: Existing, { sourceId }: { readonly sourceId: string }): Existing => ({
  ...state,
  methods: [...state.methods, sourceId],
});

const evolve = evolveFromNone<Existing, CustomerEvent, 'CustomerRegistrationStarted'>(
  'CustomerRegistrationStarted',
  (d) => ({
    status: 'registering',
    customerId: d.customerId,
    hubId: d.hubId,
    programId: d.programId,
    profile: d.profile,
    personal: d.personal,
    password: null,
    locked: false,
    optins: { SCR: d.optins },
    methods: [],
  }),
  {
    CustomerProfileUpdated: (state, { changes, personal }) => ({
      ...state,
      profile: { ...state.profile, ...changes },
      personal: personal ?? state.personal,
    }),
    CustomerOptinsUpdated: (state, { registrationType, optins }) => ({
      ...state,
      optins: { ...state.optins, [registrationType]: optins },
    }),
    CustomerPasswordSet: password,
    CustomerPasswordChanged: password,
    CustomerPasswordLocked: (state) => ({ ...state, locked: true }),
    CustomerPasswordUnlocked: (state) => ({ ...state, locked: false }),
    PasswordEmailSent: unchanged,
    TemporaryCodeSent: unchanged,
    TemporaryCodeVerified: unchanged,
    CustomerActionTracked: unchanged,
    CustomerDeleted: (state) => ({ ...state, status: 'deleted', password: null }),
    CustomerSubscribed: withMethod,
    CustomerPaymentMethodLinked: withMethod,
    FavoriteAccountSet: (state, favoriteAccount) => ({ ...state, favoriteAccount }),
    CashbackMethodMissing: (state) => ({ ...state, cashbackMethod: 'missing' }),
    CashbackMethodRetrieved: (state) => ({ ...state, cashbackMethod: 'retrieved' }),
  },
);

function subscribe(state: Existing, data: Extract<CustomerCommand, { type: 'Subscribe' }>['data']): CustomerEvent[] {
  const { customerId } = state;
  const { dataProviderType, sourceId, credentialsPreviouslyUsed, registrationType, required, now } = data;
  // A retried callback brings the same connection back: it is linked once.
  if (state.methods.includes(sourceId)) return [];
  assertOptins(state, registrationType, required);
  const method = { customerId, dataProviderType, sourceId, credentialsPreviouslyUsed };
  return state.methods.length === 0
    ? [{ type: 'CustomerSubscribed', data: { ...method, subscribedAt: now } }]
    : [{ type: 'CustomerPaymentMethodLinked', data: { ...method, linkedAt: now } }];
}

/** A deleted customer is gone: every command but a repeated deletion is 404. */
function live(state: CustomerState): Existing {
  if (state.status === 'none' || state.status === 'deleted') throw notFound('customer');
  return state;
}

function decide(command: CustomerCommand, state: CustomerState): CustomerEvent[] {
  if (command.type === 'Delete' && state.status === 'deleted') return [];
  const { customerId } = command.type === 'Register' ? command.data : live(state);
  const at = command.data.now;
  switch (command.type) {
    case 'Register': {
      if (state.status !== 'none') throw new DomainError('conflict', 'this customer exists already');
      const { now, ...data } = command.data;
      return [{ type: 'CustomerRegistrationStarted', data: { ...data, registrationDate: now } }];
    }
    case 'UpdateProfile': {
      const current = live(state).profile;
      const changes = Object.fromEntries(
        Object.entries(command.data.changes).filter(
          ([k, v]) => v !== undefined && current[k as keyof CustomerProfile] !== v,
        ),
      );
      if (Object.keys(changes).length === 0 && command.data.personal === undefined) return [];
      const personal = command.data.personal === undefined ? {} : { personal: command.data.personal };
      return [{ type: 'CustomerProfileUpdated', data: { customerId, changes, ...personal, updatedAt: at } }];
    }
    case 'UpdateOptins': {
      const { registrationType, optins, required } = command.data;
      assertNoneOff(optins, required);
      return [
        { type: 'CustomerOptinsUpdated', data: { customerId, registrationType, optins: [...optins], updatedAt: at } },
      ];
    }
    case 'SetPassword':
      if (live(state).password !== null)
        throw refused('the password is set already; change it with PUT /v1/hub/customer/password', [
          { field: 'password', message: 'already set' },
        ]);
      return [{ type: 'CustomerPasswordSet', data: { customerId, password: command.data.password, setAt: at } }];
    case 'ResetPassword': {
      const unlock: CustomerEvent[] = live(state).locked
        ? [{ type: 'CustomerPasswordUnlocked', data: { customerId, unlockedAt: at } }]
        : [];
      return [
        { type: 'CustomerPasswordSet', data: { customerId, password: command.data.password, setAt: at } },
        ...unlock,
      ];
    }
    case 'ChangePassword':
      if (live(state).password === null)
        throw refused('no password is set yet', [{ field: 'currentPassword', message: 'none set' }]);
      return [
        { type: 'CustomerPasswordChanged', data: { customerId, password: command.data.password, changedAt: at } },
      ];
    case 'LockPassword':
      return live(state).locked ? [] : [{ type: 'CustomerPasswordLocked', data: { customerId, lockedAt: at } }];
    case 'UnlockPassword':
      return live(state).locked ? [{ type: 'CustomerPasswordUnlocked', data: { customerId, unlockedAt: at } }] : [];
    case 'RecordPasswordEmail':
      return [{ type: 'PasswordEmailSent', data: { customerId, sentAt: at } }];
    case 'RecordTemporaryCode':
      return [
        command.data.verified
          ? { type: 'TemporaryCodeVerified', data: { customerId, verifiedAt: at } }
          : { type: 'TemporaryCodeSent', data: { customerId, sentAt: at } },
      ];
    case 'Track':
      return [
        {
          type: 'CustomerActionTracked',
          data: { customerId, eventName: command.data.eventName, value: command.data.value, trackedAt: at },
        },
      ];
    case 'Delete':
      return [{ type: 'CustomerDeleted', data: { customerId, by: command.data.by, deletedAt: at } }];
    case 'Subscribe':
      return subscribe(live(state), command.data);
    case 'SetFavoriteAccount': {
      const { account, display, last4 } = command.data;
      return [
        { type: 'FavoriteAccountSet', data: { customerId, account, display, last4, setAt: at } },
        ...methodRetrieved(live(state).cashbackMethod ?? null, customerId, at),
      ];
    }
    case 'MarkCashbackMethodMissing':
      return methodMissing(live(state).cashbackMethod ?? null, customerId, command.data.reason, at);
  }
}

export const customerDecider: Decider<CustomerState, CustomerCommand, CustomerEvent> = deciderFromNone(evolve, decide);
