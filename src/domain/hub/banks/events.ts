import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

export const CARD_TYPES = ['bank', 'restaurant'] as const;
export type CardType = (typeof CARD_TYPES)[number];
export const AUTH_MODELS = ['redirect', 'decoupled'] as const;
export type AuthModel = (typeof AUTH_MODELS)[number];

/** A catalogue bank as operators set it (flow 7): the provider that serves it and how a customer consents. */
export const bankFields = z.object({
  name: z.string(),
  cardType: z.enum(CARD_TYPES),
  /** The BankDataProvider adapter that serves the bank (`sandbox` for the sandbox bank). */
  providerCode: z.string(),
  /** ISO 3166-1 alpha-2. */
  country: z.string(),
  authModels: z.array(z.enum(AUTH_MODELS)),
});
export type BankFields = z.infer<typeof bankFields>;

/** The platform's bank catalogue, one stream per bank, with no tenant: every hub may hold a bank. */
const bank = aggregateEvents('bankId', []);

export const bankEvents = {
  BankAdded: bank.opening({ fields: bankFields, active: z.boolean(), addedAt: z.string() }),
  BankUpdated: bank.event({ changes: bankFields.partial(), updatedAt: z.string() }),
  /** Fanned out as bank_status_update to every hub holding the bank at this position. */
  BankStatusChanged: bank.event({ active: z.boolean(), changedAt: z.string() }),
};
export type BankEvent = EventOf<typeof bankEvents>;

/** Every event of a (hub, bank) stream names the pair, and the hub's program its notifications go to. */
const hubBank = { hubId: z.string(), programId: z.string(), bankId: z.string() };

/**
 * Whether a hub holds a bank: one stream per (hub, bank), beside the hub's own stream, so part 1's hub
 * aggregate never meets these events (bank_association_notification).
 */
export const hubBankEvents = {
  HubBankAssociated: z.object({
    ...hubBank,
    /** Whether the bank was active then: its status changes are notified from there (absent in older events). */
    bankActive: z.boolean().optional(),
    associatedAt: z.string(),
  }),
  HubBankDissociated: z.object({
    ...hubBank,
    dissociatedAt: z.string(),
  }),
  /** The catalogue bank's BankStatusChanged, told to one hub holding it: bank_status_update for its program. */
  HubBankStatusNotified: z.object({
    ...hubBank,
    active: z.boolean(),
    notifiedAt: z.string(),
  }),
};
export type HubBankEvent = EventOf<typeof hubBankEvents>;
