import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { changedFields } from '../../shared/entity.js';
import { DomainError, notFound } from '../../shared/errors.js';
import type { HubEvent, HubSettings, Optin, OperatorSettings, RegistrationType } from './events.js';

export type HubState = NoneOr<{
  readonly status: 'active';
  readonly hubId: string;
  readonly programId: string;
  readonly settings: HubSettings;
  readonly operator: OperatorSettings;
  readonly optins: Readonly<Partial<Record<RegistrationType, readonly Optin[]>>>;
}>;

export type HubCommand =
  | {
      readonly type: 'CreateHub';
      readonly data: {
        readonly hubId: string;
        readonly programId: string;
        readonly settings: HubSettings;
        now: string;
      };
    }
  | {
      readonly type: 'UpdateHub';
      readonly data: {
        /** The program asking; undefined for the platform's operators, who may change any hub. */
        readonly programId: string | undefined;
        readonly changes: Partial<HubSettings>;
        readonly operator?: Partial<OperatorSettings>;
        readonly now: string;
      };
    }
  | {
      readonly type: 'ConfigureOptins';
      readonly data: {
        readonly programId: string;
        readonly registrationType: RegistrationType;
        readonly optins: readonly Optin[];
        readonly now: string;
      };
    };

const NO_OPERATOR: OperatorSettings = {
  cashbackProvider: null,
  walletNotificationThreshold: null,
  mgUserId: null,
  mgWalletId: null,
};

type Existing = Exclude<HubState, { status: 'none' }>;

const evolve = evolveFromNone<Existing, HubEvent, 'HubCreated'>(
  'HubCreated',
  ({ hubId, programId, settings }) => ({
    status: 'active',
    hubId,
    programId,
    settings,
    operator: NO_OPERATOR,
    optins: {},
  }),
  {
    HubUpdated: (state, { changes, operator }) => ({
      ...state,
      settings: { ...state.settings, ...changes },
      operator: { ...state.operator, ...operator },
    }),
    HubOptinsConfigured: (state, { registrationType, optins }) => ({
      ...state,
      optins: { ...state.optins, [registrationType]: optins },
    }),
  },
);

/** A hub offers at least one way to retrieve purchases, and no optin code twice. */
function checkSettings(settings: HubSettings): void {
  if (settings.dataRetrievalMethod.length === 0)
    throw new DomainError('invalid_request', 'the hub needs at least one data retrieval method', [
      { field: 'dataRetrievalMethod', message: 'paymentCard, scan or both' },
    ]);
}

function existing(state: HubState, programId: string | undefined): Existing {
  if (state.status === 'none' || (programId !== undefined && state.programId !== programId)) throw notFound('hub');
  return state;
}

function decide(command: HubCommand, state: HubState): HubEvent[] {
  switch (command.type) {
    case 'CreateHub': {
      if (state.status !== 'none') throw new DomainError('conflict', 'this program runs a hub already');
      const { now, ...data } = command.data;
      checkSettings(data.settings);
      return [{ type: 'HubCreated', data: { ...data, createdAt: now } }];
    }
    case 'UpdateHub': {
      const hub = existing(state, command.data.programId);
      const changes = changedFields(hub.settings, command.data.changes);
      const operator = changedFields(hub.operator, command.data.operator ?? {});
      if (Object.keys(changes).length === 0 && Object.keys(operator).length === 0) return [];
      checkSettings({ ...hub.settings, ...changes });
      return [
        {
          type: 'HubUpdated',
          data: {
            hubId: hub.hubId,
            changes,
            ...(Object.keys(operator).length > 0 ? { operator } : {}),
            updatedAt: command.data.now,
          },
        },
      ];
    }
    case 'ConfigureOptins': {
      const hub = existing(state, command.data.programId);
      const codes = command.data.optins.map((o) => o.code);
      const twice = codes.find((code, i) => codes.indexOf(code) !== i);
      if (twice !== undefined)
        throw new DomainError('invalid_request', 'an optin code appears twice', [
          { field: 'optins', message: `code ${twice} twice` },
        ]);
      const { registrationType, optins } = command.data;
      if (JSON.stringify(hub.optins[registrationType] ?? null) === JSON.stringify(optins)) return [];
      return [
        {
          type: 'HubOptinsConfigured',
          data: { hubId: hub.hubId, registrationType, optins: [...optins], configuredAt: command.data.now },
        },
      ];
    }
  }
}

export const hubDecider: Decider<HubState, HubCommand, HubEvent> = deciderFromNone(evolve, decide);
