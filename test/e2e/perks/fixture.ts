import { expect } from 'vitest';
import type { TestApp } from '../../support/app.js';

export interface ProgramCredentials {
  readonly id: string;
  readonly api_key: string;
  readonly api_secret: string;
}

type Json = Record<string, unknown>;

/** Bordeaux and around, as the seed places them. */
export const PLACES = {
  bordeaux: { lat: 44.8378, lng: -0.5792 },
  laRuche: { latitude: 44.8561327, longitude: -0.576172 },
  origines: { latitude: 44.8518459, longitude: -0.5718565 },
  inspireself: { latitude: 44.839438, longitude: -0.5803727 },
  /** Libourne, about 30 km east of Bordeaux. */
  libourne: { latitude: 44.9153, longitude: -0.2439 },
  /** Arcachon, about 55 km west. */
  arcachon: { latitude: 44.6586, longitude: -1.1689 },
  paris: { lat: 48.8566, lng: 2.3522 },
};

/** The program's catalogue and its members, over HTTP. */
export function catalogue(app: TestApp, program: ProgramCredentials) {
  const asProgram = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
  const asApp = { 'Api-Key': program.api_key };
  const created = async (path: string, body: Json): Promise<string> => {
    const answer = await app.request('POST', path, { headers: asProgram, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return (answer.body.data as { id: string }).id;
  };
  let causeId: Promise<string> | undefined;
  return {
    asProgram,
    asApp,
    created,
    business: async (business: Json, addresses: Json[] = []): Promise<string> => {
      const id = await created('/v1/businesses', { business });
      for (const address of addresses) await created(`/v1/businesses/${id}/addresses`, { address });
      return id;
    },
    perk: (businessId: string, perk: Json) => created(`/v1/businesses/${businessId}/perks`, { perk }),
    /** Registers and signs in a member; `subscribed` makes it an active member. */
    member: async (email: string, subscribed = true): Promise<{ id: string; headers: Record<string, string> }> => {
      const user = {
        email,
        first_name: 'Ana',
        last_name: 'Lopez',
        password: 'correct horse',
        city: 'Bordeaux',
        zipcode: '33000',
      };
      const registered = await app.request('POST', '/v1/members', { headers: asApp, body: { user } });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      const session = await app.request('POST', '/v1/sessions', {
        headers: asApp,
        body: { email, password: user.password },
      });
      expect(session.status, JSON.stringify(session.body)).toBe(201);
      const data = session.body.data as { id: string; email: string; authentication_token: string };
      const headers = { ...asApp, 'X-User-Email': data.email, 'X-User-Token': data.authentication_token };
      if (subscribed) {
        causeId ??= created('/v1/causes', { cause: { name: 'Disco Soupe', city: 'Bordeaux' } });
        const user = { subscription: 'M', amount: 12, cause_id: await causeId, stripeToken: 'tok_visa' };
        const patched = await app.request('PATCH', `/v1/members/${data.id}`, { headers, body: { user } });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      }
      return { id: data.id, headers };
    },
  };
}

/** The `name` of each item of a list answer, in order. */
export const namesOf = (body: Json): string[] => (body.data as Json[]).map((item) => String(item.name));
