import { at } from '../../webhooks/samples/time.js';
import { enveloped } from '../../webhooks/samples/envelope.js';

/* The member surface's events: `ctx.id(1)` is the event's id, `ctx.id(2)` the member's. */

export const memberSamples = {
  'member.registered': enveloped('member.registered', (ctx) => ({
    id: ctx.id(2),
    email: 'fred.petris@example.org',
    first_name: 'Fred',
    last_name: 'Pétris',
    city: 'Bordeaux',
    zipcode: '33300',
    code_partner: 'GIFT3MONTH',
    member: false,
    created_at: at(ctx),
  })),
  'member.subscription_changed': enveloped('member.subscription_changed', (ctx) => ({
    id: ctx.id(2),
    email: 'fred.petris@example.org',
    first_name: 'Fred',
    last_name: 'Pétris',
    member: true,
    subscription: 'M',
    amount: '12.00',
    currency: 'EUR',
    cause_attributes: { id: ctx.id(3) },
  })),
  'member.donation_made': enveloped('member.donation_made', (ctx) => ({
    id: ctx.id(3),
    member_id: ctx.id(2),
    cause_id: ctx.id(4),
    cause_name: 'Ecolo Info',
    subscription: 'M',
    amount: '12.00',
    donation: '9.60',
    currency: 'EUR',
    created_at: at(ctx),
  })),
};
