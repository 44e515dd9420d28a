import {
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  pathId,
  PROGRAM_SECURITY,
  registry,
  resource,
  z,
} from '../../openapi/registry.js';
import { currency, dateTime, money, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createPlanBody, patchPlanBody, planStatusSchema } from './schemas.js';

const tags = ['Recurring plans'];
const idParam = pathId('6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b');

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

  registry.registerPath({
    method: 'get',
    path: '/v1/recurring-plans',
    tags,
    summary: 'List the program’s recurring plans, newest first',
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        status: planStatusSchema.optional(),
        campaign_id: uuid.optional(),
        ...PAGE_QUERY.shape,
      }),
    },
    responses: {
      200: listJson(plan, planExample),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/recurring-plans',
    tags,
    summary: 'Create a recurring plan; the plan-billing worker bills it from start_at on',
    security: PROGRAM_SECURITY,
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(createPlanBody, {
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
    },
    responses: {
      201: json(resource(plan), { data: planExample, version: 0 }, 'Created'),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/recurring-plans/{id}',
    tags,
    summary: 'One recurring plan',
    security: PROGRAM_SECURITY,
    request: { params: idParam },
    responses: { 200: json(resource(plan), { data: planExample, version: 3 }) },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/recurring-plans/{id}',
    tags,
    summary: 'Change amount or frequency, pause (status paused) or resume (status active), or give a new card token',
    security: PROGRAM_SECURITY,
    request: { params: idParam, headers: IF_MATCH, body: json(patchPlanBody, { amount: '25.00', status: 'paused' }) },
    responses: {
      200: json(resource(plan), { data: { ...planExample, amount: '25.00', status: 'paused' }, version: 5 }),
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/recurring-plans/{id}',
    tags,
    summary: 'Delete a recurring plan: it bills no more and is no longer listed',
    security: PROGRAM_SECURITY,
    request: { params: idParam, headers: IF_MATCH },
    responses: { 204: { description: 'deleted' } },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/recurring-plans/{id}/cancel',
    tags,
    summary: 'Cancel a recurring plan (canceling twice changes nothing; an ended plan answers 422)',
    security: PROGRAM_SECURITY,
    request: { params: idParam, headers: IF_MATCH },
    responses: {
      200: json(resource(plan), { data: { ...planExample, status: 'canceled', next_bill_date: null }, version: 4 }),
    },
  });
}
