import type { ProfileExtras } from '../../../projections/members/profile-extras.js';
import type { MemberRow, PartnerPeriod } from '../../../projections/members/queries.js';
import { fromHundredths } from '../../conventions/money.js';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const frenchDate = (at: Date): string => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;

/** The seed's status line: "Abonné depuis le 16 mars 2017"; a declined renewal says so. */
export function statusText(
  member: Pick<MemberRow, 'subscription' | 'subscribedSince'> & Partial<Pick<MemberRow, 'pastDue' | 'pastDueSince'>>,
): string {
  if (!member.subscription || !member.subscribedSince) return 'Non abonné';
  if (member.pastDue)
    return `Paiement en retard depuis le ${frenchDate(member.pastDueSince ?? member.subscribedSince)}`;
  return `Abonné depuis le ${frenchDate(member.subscribedSince)}`;
}

/** What the profile shows besides the member's own row, read from the projections. */
export type { ProfileExtras } from '../../../projections/members/profile-extras.js';

const NO_EXTRAS: ProfileExtras = {
  isMember: false,
  cause: undefined,
  causeTotal: 0,
  donations: [],
  causeNames: new Map(),
  partner: undefined,
  usesWithoutFeedback: [],
};

function causeAttributes(member: MemberRow, extras: ProfileExtras) {
  if (member.causeId === null) return null;
  const total_donation = fromHundredths(extras.causeTotal);
  const { cause } = extras;
  // Until the catalogue knows the cause, its id and total are all there is to show.
  if (!cause) return { id: member.causeId, total_donation };
  return {
    id: member.causeId,
    name: cause.name,
    city: cause.city,
    picture: cause.picture,
    logo: cause.logo,
    total_donation,
  };
}

function partnerAttributes(partner: PartnerPeriod | undefined) {
  const trial = partner?.trialEnd
    ? { date_end_partner: partner.trialEnd.toISOString(), partner_name: partner.partnerName }
    : null;
  const gift = partner?.giftEnd
    ? {
        nb_month_beneficiary: partner.giftMonths,
        date_end_gift: partner.giftEnd.toISOString(),
        partner_name: partner.partnerName,
      }
    : null;
  return { trial_attributes: trial, gift_attributes: gift };
}

/** "Get a specific user": the member's row with its cause, donations, partner periods and uses to rate. */
export function presentMember(
  member: MemberRow,
  extras: ProfileExtras = { ...NO_EXTRAS, isMember: member.subscription !== null && !member.pastDue },
) {
  return {
    id: member.id,
    email: member.email,
    first_name: member.firstName,
    last_name: member.lastName,
    name: `${member.firstName} ${member.lastName}`,
    ambassador: member.ambassador,
    picture: member.picture,
    member: extras.isMember,
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
    cause_attributes: causeAttributes(member, extras),
    donation_attributes: extras.donations.map((d) => ({
      cause_name: d.causeId === null ? null : (extras.causeNames.get(d.causeId) ?? null),
      created_at: d.createdAt.toISOString(),
      subscription: d.plan,
      amount: fromHundredths(d.amount),
      donation: fromHundredths(d.donation),
      currency: d.currency,
    })),
    ...partnerAttributes(extras.partner),
    uses_without_feedback: extras.usesWithoutFeedback.map((u) => ({
      id: u.id,
      perk_name: u.perkName,
      business_name: u.businessName,
      created_at: u.createdAt.toISOString(),
    })),
    created_at: member.registeredAt.toISOString(),
  };
}
