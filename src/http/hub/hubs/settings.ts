import type { HubSettings, OperatorSettings } from '../../../domain/hub/hubs/events.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { CreateHubBody, PatchHubBody } from './schemas.js';

type Sealer = () => Promise<SecretBox>;

const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

async function sealed(secret: string | null | undefined, box: Sealer): Promise<string | null | undefined> {
  if (secret === undefined || secret === null) return secret;
  return (await box()).seal(secret);
}

/** A PATCH body as the domain's changes: the recaptcha secret sealed, amounts in minor units. */
export async function toChanges(body: PatchHubBody, box: Sealer): Promise<Partial<HubSettings>> {
  const { recaptchaSecret, ...rest } = body;
  return defined({ ...rest, recaptchaSecretSealed: await sealed(recaptchaSecret, box) });
}

/** A creation body with every default filled in. */
export async function toSettings(body: CreateHubBody, programCurrency: string, box: Sealer): Promise<HubSettings> {
  const n = <T>(value: T | null | undefined): T | null => value ?? null;
  return {
    name: body.name,
    country: body.country,
    phoneRequired: body.phoneRequired,
    emailRequired: body.emailRequired,
    customerExternalIdRequired: body.customerExternalIdRequired,
    dataRetrievalMethod: body.dataRetrievalMethod,
    externalId: n(body.externalId),
    shortcut: n(body.shortcut),
    programName: n(body.programName),
    mainLanguage: body.mainLanguage ?? 'en',
    currency: body.currency ?? programCurrency,
    host: n(body.host),
    scanEnable: body.scanEnable ?? false,
    cardRestaurantEnable: body.cardRestaurantEnable ?? false,
    cashback: body.cashback ?? true,
    claimMinimumAmount: n(body.claimMinimumAmount),
    smsSenderName: n(body.smsSenderName),
    recaptchaSiteKey: n(body.recaptchaSiteKey),
    recaptchaSecretSealed: n(await sealed(body.recaptchaSecret, box)),
    streetNumber: n(body.streetNumber),
    streetName: n(body.streetName),
    postalCode: n(body.postalCode),
    city: n(body.city),
    formattedAddress: n(body.formattedAddress),
    longitude: n(body.longitude),
    latitude: n(body.latitude),
    contactEmail: n(body.contactEmail),
    supportContactEmail: n(body.supportContactEmail),
    baseline: n(body.baseline),
    logo_url: n(body.logo_url),
    favicon_url: n(body.favicon_url),
    colorPrimary: n(body.colorPrimary),
    colorSecondary: n(body.colorSecondary),
    colorBackground: n(body.colorBackground),
    colorComponent: n(body.colorComponent),
    css: n(body.css),
    rewardType: body.rewardType ?? 'CASHBACK',
    pointsPerCurrencyUnit: body.pointsPerCurrencyUnit ?? 0,
  };
}

export const toOperatorChanges = (body: Partial<Record<keyof OperatorSettings, unknown>>): Partial<OperatorSettings> =>
  defined(body) as Partial<OperatorSettings>;
