import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { memberHelpers, type ProgramCredentials } from '../../support/fixtures/members.js';

const CARD = 'tok_visa_e2e_4242';

describe('member subscriptions and their cause over HTTP', () => {
  let app: TestApp;
  let program: ProgramCredentials;
  let cause: string;
  let asProgram: Record<string, string>;
  const { createCause, member, patch, profile } = memberHelpers(() => ({ app, program }));

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'CforGood', cause_share_percent: 80 })).data as ProgramCredentials;
    asProgram = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    cause = await createCause(asProgram, { name: 'Ecolo Info', city: 'National' });
  });
  afterAll(async () => {
    await app.stop();
  });

  describe("when the cause_id is not an active cause of the member's own program", () => {
    let foreign: string;
    let asleep: string;
    beforeAll(async () => {
      const other = (await app.createProgram({ name: 'Elsewhere' })).data as typeof program;
      foreign = await createCause(
        { 'Api-Key': other.api_key, 'Api-Secret': other.api_secret },
        { name: 'Not yours', city: 'Lyon' },
      );
      asleep = await createCause(asProgram, { name: 'Sleeping', city: 'Bordeaux', active: false });
    });

    /**
     * What the PATCH left behind for this member: charges at the payment port, recorded charges, donations, the cause.
     */
    async function traces(m: { id: string; headers: Record<string, string> }) {
      const count = async (query: Promise<Array<{ count: string }>>) => Number((await query)[0]?.count ?? 0);
      return {
        charges: await count(
          app.knex('sandbox_payments').whereLike('idempotency_key', `%member:${m.id}:%`).count('* as count'),
        ),
        charged: await count(
          app
            .knex('gs_events')
            .where({ stream_name: `member-${m.id}`, type: 'SubscriptionCharged' })
            .count('* as count'),
        ),
        donations: await count(app.knex('rm_member_donations').where({ member_id: m.id }).count('* as count')),
        cause: (await profile(m)).cause_attributes,
      };
    }
    const nothing = { charges: 0, charged: 0, donations: 0, cause: null };

    it.each([
      ["another program's cause", () => foreign],
      ['a random uuid', () => randomUUID()],
    ])(
      'when it is %s, then 422 invalid_request on cause_id, nothing charged and nothing recorded',
      async (_label, causeOf) => {
        const m = await member(`unknown-${randomUUID()}@example.org`);
        const answer = await patch(m, { cause_id: causeOf(), subscription: 'M', amount: '12.00', stripeToken: CARD });
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'cause_id' }] });
        expect(await traces(m)).toEqual(nothing);
      },
    );

    it.each([42, '42', 'cause-ecolo-info'])(
      'when it is %j (not a cause id), then 422 invalid_request on cause_id, nothing charged and nothing recorded',
      async (id) => {
        const m = await member(`malformed-${randomUUID()}@example.org`);
        const answer = await patch(m, { cause_id: id, subscription: 'M', amount: '12.00', stripeToken: CARD });
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'cause_id' }] });
        expect(await traces(m)).toEqual(nothing);
      },
    );

    it('when the cause is inactive (a proposal, or switched off), then 422 operation_refused on cause_id, nothing charged and nothing recorded', async () => {
      const m = await member(`asleep-${randomUUID()}@example.org`);
      const answer = await patch(m, { cause_id: asleep, subscription: 'M', amount: '12.00', stripeToken: CARD });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ error_name: 'operation_refused', details: [{ field: 'cause_id' }] });
      expect(await traces(m)).toEqual(nothing);
    });

    it("when the member's cause was switched off since it chose it, then subscribing without a cause_id is refused and nothing charged", async () => {
      const m = await member(`switched-off-${randomUUID()}@example.org`);
      const fading = await createCause(asProgram, { name: 'Fading', city: 'Bordeaux' });
      expect((await patch(m, { cause_id: fading })).status).toBe(200);
      expect(
        (await app.request('PATCH', `/v1/causes/${fading}`, { headers: asProgram, body: { cause: { active: false } } }))
          .status,
      ).toBe(200);
      const answer = await patch(m, { subscription: 'M', amount: '12.00', stripeToken: CARD });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ error_name: 'operation_refused', details: [{ field: 'cause_id' }] });
      expect(await traces(m)).toMatchObject({ charges: 0, charged: 0, donations: 0 });
    });

    it('when only the cause changes (no subscription in the PATCH), then a foreign cause is refused too, and the member keeps its own', async () => {
      const m = await member(`switch-${randomUUID()}@example.org`);
      expect((await patch(m, { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: CARD })).status).toBe(
        200,
      );
      const answer = await patch(m, { cause_id: foreign, city: 'Lyon' });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'cause_id' }] });
      expect(await traces(m)).toMatchObject({ charges: 1, charged: 1, donations: 1, cause: { id: cause } });
      expect(await profile(m)).not.toMatchObject({ city: 'Lyon' });
    });
  });
});
