import { IF_MATCH, json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { currency, dateTime, money, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createPlanBody, patchPlanBody, planStatusSchema } from './schemas.js';

const tags = ['Recurring plans'];

const planExample = {
  id: '6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b',
  campaign_id: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
  first_name: 'Camille',
  last_name: 'Durand',
  email: 'camille.durand@example.org',
  phone: '+33 6 12 34 56 78',
  frequency: 'monthly',
  status: 'active',
  method: 'card',
  amount: '20.00',
  currency: 'EUR',
  cover_fee: true,
  fee_covered: '0.88',
  created_at: '2026-01-31T09:00:00.000Z',
  updated_at: '2026-02-28T09:00:05.000Z',
  start_at: '2026-01-31T09:00:00.000Z',
  end_at: null,
  next_bill_date: '2026-03-31T09:00:00.000Z',
};

/** Documents the recurring plans' paths in the registry. */
export function documentPlans(): void {
  const plan = registry.register(
    'RecurringPlan',
    z.object({
      id: uuid,
      campaign_id: uuid,
      first_name: z.string(),
      last_name: z.string(),
      email: z.string(),
      phone: z.string().nullable(),
      frequency: z.enum(['monthly', 'quarterly', 'yearly']),
      status: planStatusSchema,
      method: z.enum(['card', 'check', 'cash']),
      amount: money.openapi({ description: 'per period, two decimals' }),
      currency: currency,
      cover_fee: z.boolean(),
      fee_covered: money.openapi({ description: 'the card fee the supporter adds each period' }),
      created_at: dateTime,
      updated_at: dateTime,
      start_at: dateTime,
      end_at: dateTime.nullable(),
      next_bill_date: dateTime.nullable().openapi({
        description:
          'start_at plus n periods by calendar months, the day clamped to the month’s end (31 Jan → 28/29 Feb → 31 Mar); null once canceled or ended',
      }),
    }),
  );

  const plans = documentResource({ path: '/v1/recurring-plans', tags, id: '6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b' });
  plans.list(
    'List the program’s recurring plans, newest first',
    z.object({ status: planStatusSchema.optional(), campaign_id: uuid.optional(), ...PAGE_QUERY.shape }),
    listJson(plan, planExample),
  );
  plans.create(
    'Create a recurring plan; the plan-billing worker bills it from start_at on',
    json(createPlanBody, {
      campaign_id: '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
      frequency: 'monthly',
      amount: '20.00',
      currency: 'EUR',
      method: 'card',
      cover_fee: true,
      start_at: '2026-01-31T09:00:00Z',
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille.durand@example.org',
      payment_token: 'tok_visa',
    }),
    { 201: json(resource(plan), { data: planExample, version: 0 }, 'Created') },
  );
  plans.get('One recurring plan', json(resource(plan), { data: planExample, version: 3 }));
  plans.patch(
    'Change amount or frequency, pause (status paused) or resume (status active), or give a new card token',
    json(patchPlanBody, { amount: '25.00', status: 'paused' }),
    json(resource(plan), { data: { ...planExample, amount: '25.00', status: 'paused' }, version: 5 }),
  );
  plans.remove('Delete a recurring plan: it bills no more and is no longer listed', {
    204: { description: 'deleted' },
  });
  plans.action(
    'post',
    '/cancel',
    'Cancel a recurring plan (canceling twice changes nothing; an ended plan answers 422)',
    { headers: IF_MATCH },
    { 200: json(resource(plan), { data: { ...planExample, status: 'canceled', next_bill_date: null }, version: 4 }) },
  );
}
