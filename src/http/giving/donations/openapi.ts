import { donationResource } from '../../webhooks/payloads/giving.js';
import { resourceExample } from '../../openapi/examples.js';
import { json, listOf, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { currency, externalId, money, PAGE_QUERY, postalAddress, texts, uuid } from '../../openapi/wire.js';
import { createDonationBody, patchDonationBody } from './schemas.js';

const tags = ['Donations'];

export const donationExample = resourceExample('donation.created');

/** Documents the donations' paths in the registry. */
export function documentDonations(): void {
  const donation = registry.register(
    'Donation',
    // Rebuilt with this module's z: the payload schema may be created before zod is extended for OpenAPI.
    z
      .object({
        ...donationResource.shape,
        id: uuid,
        campaign_id: uuid,
        plan_id: uuid.nullable(),
        team_id: externalId.nullable(),
        user_id: externalId.nullable(),
        address: postalAddress.nullable(),
        currency,
        line_items: z.array(
          z.object({
            id: uuid,
            type: z.enum(['donation', 'ticket']),
            name: z.string(),
            quantity: z.number().int(),
            amount: money,
          }),
        ),
        giving_space: z.object({ id: externalId, name: z.string() }).nullable(),
        utm: z.object(texts('source', 'medium', 'campaign', 'term', 'content')).nullable(),
      })
      .openapi({
        description: [
          "Seed 002's Transaction. Fees, in integer minor units: a card's fee = round_half_up(amount × card_fee_percent / 100) + card_fee_fixed",
          "(the program's settings); with cover_fee the supporter pays the gift plus the fee (fee_covered = fee), so `amount` = gift + fee_covered;",
          '`donated` = amount − fee reaches the campaign; `payout` = donated for a card, 0 for check and cash (which carry no fee).',
          'Status: succeeded (charged, or offline money received), authorized (a card pledge without a payment_token: not captured),',
          'failed (the card was declined: recorded and answered 201, it raises nothing).',
        ].join(' '),
      }),
  );

  const list = listOf(donation);

  const donations = documentResource({ path: '/v1/donations', tags, id: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d' });
  donations.list(
    "The program's donations, newest first (deleted ones are gone)",
    z.object({
      campaign_id: uuid.optional(),
      status: z.enum(['succeeded', 'authorized', 'failed', 'canceled']).optional(),
      from: z
        .string()
        .optional()
        .openapi({ description: 'created at or after (ISO 8601)', example: '2026-11-01T00:00:00Z' }),
      to: z.string().optional().openapi({ description: 'created before (ISO 8601)', example: '2026-12-01T00:00:00Z' }),
      sort: z
        .string()
        .regex(/^-?(created_at|amount)(,-?(created_at|amount))*$/)
        .optional()
        .openapi({
          description: 'created_at or amount, `-` for descending; at most 5000 matching rows',
          example: '-amount',
        }),
      ...PAGE_QUERY.shape,
    }),
    json(list, { data: [donationExample], paging: { page: 1, per_page: 20, total: 1 } }),
  );
  donations.create(
    'Record a donation. A card with payment_token is charged now (amount + covered fee); a declined card (sandbox: tok_fail) is recorded as a failed transaction and answered 201 with status failed. An archived campaign answers 422 operation_refused; a currency other than the program’s 422 invalid_request.',
    json(createDonationBody, {
      campaign_id: '7d1c2b9e-4f3a-4c1e-8b2d-5a6f7e8d9c01',
      amount: '50.00',
      currency: 'EUR',
      method: 'card',
      cover_fee: true,
      payment_token: 'tok_visa',
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille.durand@example.org',
      phone: '+33 6 12 34 56 78',
      address: { line1: '12 rue Sainte-Catherine', city: 'Bordeaux', postal_code: '33000', country: 'FR' },
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring-appeal' },
    }),
    {
      201: json(
        resource(donation),
        { data: donationExample, version: 0 },
        'recorded (status failed when the card was declined)',
      ),
    },
  );
  donations.get('One donation', json(resource(donation), { data: donationExample, version: 0 }));
  donations.patch(
    'Update the supporter fields (first_name, last_name, email, phone, address); nothing else of a transaction changes',
    json(patchDonationBody, { phone: '+33 5 56 00 00 00' }),
    json(resource(donation), { data: { ...donationExample, phone: '+33 5 56 00 00 00' }, version: 1 }),
  );
  donations.action(
    'delete',
    '',
    'Delete a donation (emits donation.deleted); it no longer counts in its campaign',
    {},
    { 204: { description: 'deleted' } },
  );
  donations.action(
    'post',
    '/refund',
    'Refund a succeeded donation (through the processor for a charged card; emits donation.refunded); a second refund answers 422 operation_refused',
    {},
    {
      200: json(resource(donation), {
        data: { ...donationExample, refunded: true, refunded_at: '2026-11-23T08:00:00.000Z' },
        version: 1,
      }),
    },
  );
}
