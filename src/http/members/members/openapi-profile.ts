import { registry, z } from '../../openapi/registry.js';
import { currency, date, dateTime, money, uuid } from '../../openapi/wire.js';

/* The member's profile as GET /v1/members/:id shows it: its schema and its example. */

export const profileExample = {
  id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41',
  email: 'fred@example.org',
  first_name: 'Fred',
  last_name: 'Pétris',
  name: 'Fred Pétris',
  ambassador: false,
  picture: null,
  member: true,
  trial_done: false,
  birthday: '1981-01-01T00:00:00+01:00',
  subscription: 'M',
  amount: '12.00',
  currency: 'EUR',
  street: 'Rue Marsan',
  zipcode: '33300',
  city: 'Bordeaux',
  phone: null,
  code_partner: 'GIFT3MONTH',
  status: 'Abonné depuis le 16 mars 2017',
  supervisor_attributes: null,
  business_supervisor_attributes: null,
  cause_attributes: {
    id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    name: 'Ecolo Info',
    city: 'National',
    picture: null,
    logo: null,
    total_donation: '32.14',
  },
  donation_attributes: [
    {
      cause_name: 'Ecolo Info',
      created_at: '2017-03-16T15:49:28.000Z',
      subscription: 'M',
      amount: '12.00',
      donation: '9.60',
      currency: 'EUR',
    },
  ],
  trial_attributes: { date_end_partner: '2017-06-06T09:27:36.000Z', partner_name: 'Cforgood' },
  gift_attributes: null,
  uses_without_feedback: [
    {
      id: '5d1f0b8e-6a57-4f0e-9a3e-8f2d1c7b5a41',
      perk_name: 'Un cookie offert',
      business_name: 'Label Terre',
      created_at: '2017-02-06T09:27:36.000Z',
    },
  ],
  created_at: '2017-03-16T15:48:07.000Z',
};

/** Registers the MemberProfile component. */
export function registerProfile() {
  return registry.register(
    'MemberProfile',
    z.object({
      id: uuid,
      email: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      name: z.string(),
      ambassador: z.boolean(),
      picture: z.string().nullable(),
      member: z.boolean().openapi({
        description: 'true while a subscription is paid up (not past due), or a partner trial or gift runs',
      }),
      trial_done: z.boolean(),
      birthday: z
        .union([date, dateTime])
        .nullable()
        .openapi({ description: 'as it was written: a date or a date-time' }),
      subscription: z.enum(['M', 'Y']).nullable(),
      amount: money.nullable().openapi({ description: 'per period, two decimals' }),
      currency: currency.nullable(),
      street: z.string().nullable(),
      zipcode: z.string(),
      city: z.string(),
      phone: z.string().nullable(),
      code_partner: z.string().nullable(),
      status: z
        .string()
        .regex(/^(Non abonné|Abonné depuis le .+|Paiement en retard depuis le .+)$/)
        .openapi({
          description: '"Abonné depuis le …", "Paiement en retard depuis le …" (a declined renewal) or "Non abonné"',
        }),
      supervisor_attributes: z.null(),
      business_supervisor_attributes: z.null(),
      cause_attributes: z
        .object({
          id: uuid,
          name: z.string().optional(),
          city: z.string().nullable().optional(),
          picture: z.string().nullable().optional(),
          logo: z.string().nullable().optional(),
          total_donation: money.openapi({
            description: 'given to the cause by all the program’s members, two decimals',
          }),
        })
        .nullable()
        .openapi({ description: 'name, city, picture and logo once the catalogue knows the cause' }),
      donation_attributes: z.array(
        z.object({
          cause_name: z.string().nullable(),
          created_at: dateTime,
          subscription: z.enum(['M', 'Y']),
          amount: money.openapi({ description: 'paid for the period' }),
          donation: money.openapi({
            description: 'given to the cause: the program’s cause share of amount, rounded down to the cent',
          }),
          currency,
        }),
      ),
      trial_attributes: z.object({ date_end_partner: dateTime, partner_name: z.string().nullable() }).nullable(),
      gift_attributes: z
        .object({
          nb_month_beneficiary: z.number().int(),
          date_end_gift: dateTime,
          partner_name: z.string().nullable(),
        })
        .nullable(),
      uses_without_feedback: z.array(
        z.object({ id: uuid, perk_name: z.string(), business_name: z.string(), created_at: dateTime }),
      ),
      created_at: dateTime,
    }),
  );
}
