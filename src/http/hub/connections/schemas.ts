import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const connectHeaders = z.object({
  customerid: z.uuid().optional(),
  redirecturi: httpUrl.optional(),
  chosenauthmodel: z.enum(['redirect', 'decoupled']).optional(),
  psuid: z.string().min(1).max(200).optional(),
});

export const verifyDecoupledBody = z.strictObject({ decoupledDetails: z.string().min(1).max(4096) });

export const authorizeQuery = z.object({
  state: z.string().min(1).max(200),
  redirect_uri: httpUrl,
  login: z.string().max(200).optional(),
  password: z.string().max(200).optional(),
});

export const callbackBody = z.strictObject({
  bankId: z.uuid(),
  /** What the bank appended to redirectUri: `code=…&state=…` or `error=…&state=…`. */
  queryString: z.string().min(1).max(4096),
  redirectUri: httpUrl.optional(),
});

/** postBankConnectionCallback: the same, naming the registering customer; the provider's id is the seed's, unused. */
export const registrationCallbackBody = z.strictObject({
  customerId: z.uuid(),
  bankId: z.uuid(),
  dataProviderConnectionId: z.string().max(200).optional(),
  queryString: z.string().min(1).max(4096),
  redirectUri: httpUrl.optional(),
});

/** updateBankConnection: credentials re-authorise at once; else a redirectUri asks for a new consent. */
export const updateConnectionBody = z.strictObject({
  credentials: z.strictObject({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).optional(),
  redirectUri: httpUrl.optional(),
  locale: z.string().max(20).optional(),
  psuId: z.string().max(200).optional(),
  chosenAuthModel: z.enum(['redirect', 'decoupled']).optional(),
});

export const reauthorisationCallbackBody = z.strictObject({
  queryString: z.string().min(1).max(4096),
  redirectUri: httpUrl.optional(),
});

export const patchBankConnectionBody = z.strictObject({ simulateInvalidCredentials: z.boolean() });

export const creditCardBody = z.strictObject({ creditCardToken: z.string().trim().min(1).max(200) });

export const connectionIdParam = z.object({ connectionId: z.uuid() });

/** The consent's answer as the bank put it in the redirect. */
export function readQueryString(queryString: string): { code?: string; state?: string; error?: string } {
  const params = new URLSearchParams(queryString.replace(/^[^?]*\?/, ''));
  const value = (name: string) => params.get(name) ?? undefined;
  return { code: value('code'), state: value('state'), error: value('error') };
}
