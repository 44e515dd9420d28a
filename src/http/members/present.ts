import type { MemberRow } from '../../projections/members/queries.js';
import { fromHundredths } from '../conventions/money.js';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The seed's status line: "Abonné depuis le 16 mars 2017". */
export function statusText(member: Pick<MemberRow, 'subscription' | 'subscribedSince'>): string {
  if (!member.subscription || !member.subscribedSince) return 'Non abonné';
  const since = member.subscribedSince;
  return `Abonné depuis le ${since.getUTCDate()} ${MONTHS[since.getUTCMonth()]} ${since.getUTCFullYear()}`;
}

/** "Get a specific user", with the fields that exist at this stage of the product. */
export function presentMember(member: MemberRow) {
  return {
    id: member.id,
    email: member.email,
    first_name: member.firstName,
    last_name: member.lastName,
    name: `${member.firstName} ${member.lastName}`,
    ambassador: member.ambassador,
    picture: member.picture,
    member: member.subscription !== null,
    trial_done: member.trialDone,
    birthday: member.birthday,
    subscription: member.subscription,
    amount: member.amount === null ? null : fromHundredths(member.amount),
    currency: member.currency,
    street: member.street,
    zipcode: member.zipcode,
    city: member.city,
    phone: member.phone,
    code_partner: member.codePartner,
    status: statusText(member),
    supervisor_attributes: null,
    business_supervisor_attributes: null,
    cause_attributes: member.causeId === null ? null : { id: member.causeId },
    donation_attributes: [],
    trial_attributes: null,
    gift_attributes: null,
    uses_without_feedback: [],
    created_at: member.registeredAt.toISOString(),
  };
}
