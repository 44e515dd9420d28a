import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { claimEventSchemas } from '../../shared/unique-claim.js';

export const DATA_RETRIEVAL_METHODS = ['paymentCard', 'scan'] as const;
export const REWARD_TYPES = ['CASHBACK', 'POINTS'] as const;
export const REGISTRATION_TYPES = ['restaurant', 'receipt', 'CLO', 'PSD2', 'SCR', 'COM'] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];

const text = z.string().nullable();

/** What a program sets on its hub (seed 004's postShoppingHubs), as the events record it. */
export const hubSettings = z.object({
  name: z.string(),
  country: z.string(),
  phoneRequired: z.boolean(),
  emailRequired: z.boolean(),
  customerExternalIdRequired: z.boolean(),
  dataRetrievalMethod: z.array(z.enum(DATA_RETRIEVAL_METHODS)),
  externalId: text,
  shortcut: text,
  programName: text,
  mainLanguage: z.string(),
  currency: z.string().length(3),
  /** Lower-cased; unique on the platform (its claim stream). */
  host: text,
  scanEnable: z.boolean(),
  cardRestaurantEnable: z.boolean(),
  cashback: z.boolean(),
  /** Minor units, or none. */
  claimMinimumAmount: z.number().int().nonnegative().nullable(),
  smsSenderName: text,
  recaptchaSiteKey: text,
  /** Sealed (AES-256-GCM) by the command: never in clear in an event. */
  recaptchaSecretSealed: text,
  streetNumber: text,
  streetName: text,
  postalCode: text,
  city: text,
  formattedAddress: text,
  longitude: text,
  latitude: text,
  contactEmail: text,
  supportContactEmail: text,
  baseline: text,
  logo_url: text,
  favicon_url: text,
  colorPrimary: text,
  colorSecondary: text,
  colorBackground: text,
  colorComponent: text,
  css: text,
  rewardType: z.enum(REWARD_TYPES),
  pointsPerCurrencyUnit: z.number().int().nonnegative(),
});
export type HubSettings = z.infer<typeof hubSettings>;

/** The fields only the platform's operators set (the admin PATCH). */
export const operatorSettings = z.object({
  cashbackProvider: text,
  /** Minor units. */
  walletNotificationThreshold: z.number().int().nonnegative().nullable(),
  mgUserId: text,
  mgWalletId: text,
});
export type OperatorSettings = z.infer<typeof operatorSettings>;

export const optin = z.object({
  code: z.string(),
  /** By language code: `{"fr": "…", "en": "…"}`. */
  label: z.record(z.string(), z.string()),
  required: z.boolean(),
});
export type Optin = z.infer<typeof optin>;

const hub = aggregateEvents('hubId', ['programId']);

export const hubEvents = {
  HubCreated: hub.opening({
    settings: hubSettings,
    createdAt: z.string(),
  }),
  HubUpdated: hub.event({
    changes: hubSettings.partial(),
    operator: operatorSettings.partial().optional(),
    updatedAt: z.string(),
  }),
  HubOptinsConfigured: hub.event({
    registrationType: z.enum(REGISTRATION_TYPES),
    optins: z.array(optin),
    configuredAt: z.string(),
  }),
};
export type HubEvent = EventOf<typeof hubEvents>;

/** A host serves one hub on the whole platform: one claim stream per host. */
export const hostClaimEvents = claimEventSchemas('HubHost', 'host', 'hubId');
export type HostClaimEvent = EventOf<typeof hostClaimEvents>;
