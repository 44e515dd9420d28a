import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../shared/events.js';

export const programSettings = z.object({
  currency: z.string().length(3),
  /** Whole percent of a member's payment that goes to the cause. */
  causeSharePercent: z.number().int().min(0).max(100),
  /** Card fee percentage in basis points ("2.90" % is 290). */
  cardFeeBasisPoints: z.number().int().min(0).max(10_000),
  /** Fixed card fee in minor units. */
  cardFeeFixed: z.number().int().min(0),
  externalTokenValidationUrl: z.string().nullable(),
});
export type ProgramSettings = z.infer<typeof programSettings>;

/** A program owns itself: its events name no other owner. */
const program = aggregateEvents('programId', []);

export const tenancyEvents = {
  ProgramCreated: program.opening({
    name: z.string(),
    apiKey: z.string(),
    /** SHA-256 of the api_secret, hex: the secret itself is shown once and never stored. */
    apiSecretDigest: z.string().regex(/^[0-9a-f]{64}$/),
    settings: programSettings,
    createdAt: z.string(),
  }),
  /** The RSA public key that verifies the program's signed requests; it replaces any earlier one. */
  SigningKeyRegistered: program.event({
    publicKeyPem: z.string(),
    /** SHA-256 of the key's DER (SPKI) form, hex: names the key without showing it. */
    keyId: z.string(),
    registeredAt: z.string(),
  }),
};

export type TenancyEvent = EventOf<typeof tenancyEvents>;
