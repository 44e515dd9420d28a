import { sha256Hex } from '../../platform/crypto.js';

/* Every stream name of giving: a stream's name is stored with its events, so these never change. */

export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;

/** One stream per slug, across every program: its existence is the uniqueness check. */
export const slugClaimStream = (slug: string): string =>
  `campaignslug-${sha256Hex(slug.trim().toLowerCase()).slice(0, 40)}`;

export const donationStream = (donationId: string): string => `donation-${donationId}`;

export const planStream = (planId: string): string => `recurringplan-${planId}`;

export const contactStream = (contactId: string): string => `contact-${contactId}`;
export const companyStream = (companyId: string): string => `company-${companyId}`;
export const tagStream = (tagId: string): string => `contacttag-${tagId}`;

/** One stream per (program, email): its existence is the uniqueness check. */
export const contactEmailClaimStream = (programId: string, email: string): string =>
  `contactemail-${sha256Hex(`${programId}\n${email.trim().toLowerCase()}`).slice(0, 40)}`;
