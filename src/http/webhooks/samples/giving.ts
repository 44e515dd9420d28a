import { at, DAY, HOUR, type SampleContext } from './time.js';
import { enveloped } from './envelope.js';
import { ADDRESS_EXAMPLE } from '../../giving/address.js';

/*
 * Seed 002's events: `ctx.id(1)` is the event's id, the resource's ids follow.
 * The card donation's fee is the default program's 2.90 % + 0.30 of the 50.00 gift,
 * covered by the supporter: 51.75 charged, 1.75 fee, 50.00 donated and paid out
 * (src/domain/giving/donations/fees.ts).
 */

/** The card donation's supporter, who is also the sample contact. */
const supporter = {
  first_name: 'Camille',
  last_name: 'Durand',
  email: 'camille.durand@example.org',
  phone: '+33 6 12 34 56 78',
  address: ADDRESS_EXAMPLE,
};
const utm = { source: 'newsletter', medium: 'email', campaign: 'spring-appeal', term: null, content: null };

function donation(ctx: SampleContext) {
  const createdAt = at(ctx, -2 * DAY);
  return {
    id: ctx.id(2),
    campaign_id: ctx.id(3),
    plan_id: null,
    team_id: null,
    user_id: null,
    ...supporter,
    status: 'succeeded' as const,
    method: 'card' as const,
    amount: '51.75',
    fee: '1.75',
    fee_covered: '1.75',
    donated: '50.00',
    payout: '50.00',
    currency: 'EUR',
    created_at: createdAt,
    captured: true,
    captured_at: createdAt,
    refunded: false,
    refunded_at: null,
    line_items: [{ id: ctx.id(4), type: 'donation' as const, name: 'Don', quantity: 1, amount: '50.00' }],
    giving_space: null,
    utm,
  };
}

function contact(ctx: SampleContext) {
  return {
    id: ctx.id(2),
    ...supporter,
    company_id: null,
    tags: [{ id: ctx.id(3), name: 'Donateur régulier' }],
    created_at: at(ctx, -HOUR),
    updated_at: at(ctx, -HOUR),
  };
}

function campaign(ctx: SampleContext) {
  return {
    id: ctx.id(2),
    title: 'Des arbres pour Bordeaux',
    description: '<p>Planter 500 arbres dans les cours d’école de la métropole.</p>',
    slug: 'des-arbres-pour-bordeaux',
    goal: '10000.00',
    raised: '2450.00',
    number_of_donors: 57,
    start_at: at(ctx, -30 * DAY),
    end_at: at(ctx, 60 * DAY),
    currency: 'EUR',
    url: 'https://give.goodstream.example/campaigns/des-arbres-pour-bordeaux',
    image: { url: 'https://cdn.goodstream.example/campaigns/des-arbres-pour-bordeaux.jpg' },
    status: 'active' as 'active' | 'archived',
    archived_at: null as string | null,
    created_at: at(ctx, -31 * DAY),
    updated_at: at(ctx, -DAY),
    managers: [
      {
        id: ctx.id(3),
        first_name: 'Lucie',
        last_name: 'Martin',
        email: 'lucie.martin@example.org',
        phone: null,
        picture: null,
        donated: '50.00',
        raised: '320.00',
        url: `https://give.goodstream.example/users/${ctx.id(3)}`,
        campaigns: [{ id: ctx.id(2), title: 'Des arbres pour Bordeaux', slug: 'des-arbres-pour-bordeaux' }],
      },
    ],
  };
}

export const givingSamples = {
  'donation.created': enveloped('donation.created', donation),
  'donation.deleted': enveloped('donation.deleted', (ctx) => ({
    ...donation(ctx),
    method: 'check',
    amount: '100.00',
    fee: '0.00',
    fee_covered: '0.00',
    donated: '100.00',
    payout: '0.00',
    utm: null,
  })),
  'donation.refunded': enveloped('donation.refunded', (ctx) => ({
    ...donation(ctx),
    refunded: true,
    refunded_at: at(ctx),
  })),
  'contact.created': enveloped('contact.created', contact),
  'contact.deleted': enveloped('contact.deleted', contact),
  'campaign.created': enveloped('campaign.created', (ctx) => ({
    ...campaign(ctx),
    raised: '0.00',
    number_of_donors: 0,
    start_at: at(ctx),
    created_at: at(ctx),
    updated_at: at(ctx),
  })),
  'campaign.disabled': enveloped('campaign.disabled', (ctx) => ({
    ...campaign(ctx),
    status: 'archived',
    archived_at: at(ctx),
    updated_at: at(ctx),
  })),
};
