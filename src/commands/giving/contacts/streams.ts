import { sha256Hex } from '../../../platform/crypto.js';

export const contactStream = (contactId: string): string => `contact-${contactId}`;
export const companyStream = (companyId: string): string => `company-${companyId}`;
export const tagStream = (tagId: string): string => `contacttag-${tagId}`;

/** One stream per (program, email): its existence is the uniqueness check. */
export const contactEmailClaimStream = (programId: string, email: string): string =>
  `contactemail-${sha256Hex(`${programId}\n${email.trim().toLowerCase()}`).slice(0, 40)}`;
