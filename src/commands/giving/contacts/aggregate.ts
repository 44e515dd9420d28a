import { companyDecider } from '../../../domain/giving/contacts/company.js';
import { contactDecider } from '../../../domain/giving/contacts/contact.js';
import { contactEmailClaimDecider } from '../../../domain/giving/contacts/email-claim.js';
import {
  companyEvents,
  contactEmailClaimEvents,
  contactEvents,
  tagEvents,
} from '../../../domain/giving/contacts/events.js';
import { tagDecider } from '../../../domain/giving/contacts/tag.js';
import { aggregate } from '../../shared/aggregate.js';
import { companyStream, contactStream, tagStream } from '../streams.js';

export const contacts = aggregate({ decider: contactDecider, events: contactEvents, stream: contactStream });
export const companies = aggregate({ decider: companyDecider, events: companyEvents, stream: companyStream });
export const tags = aggregate({ decider: tagDecider, events: tagEvents, stream: tagStream });
/** Keyed by the claim's whole stream name (contactEmailClaimStream): it hashes the program and the email. */
export const contactEmailClaims = aggregate({
  decider: contactEmailClaimDecider,
  events: contactEmailClaimEvents,
  stream: (name) => name,
});
