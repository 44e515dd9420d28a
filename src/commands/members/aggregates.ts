import { emailClaimDecider } from '../../domain/members/email-claim.js';
import { emailClaimEvents, memberEvents, sponsorCodeEvents } from '../../domain/members/events.js';
import { memberDecider } from '../../domain/members/member.js';
import { sponsorCodeDecider } from '../../domain/members/sponsor-code.js';
import { aggregate } from '../shared/aggregate.js';

export const memberStream = (memberId: string): string => `member-${memberId}`;

export const members = aggregate({ decider: memberDecider, events: memberEvents, stream: memberStream });
/** Keyed by the claim's whole stream name: it hashes the program and the email or code. */
export const emailClaims = aggregate({ decider: emailClaimDecider, events: emailClaimEvents, stream: (name) => name });
export const sponsorCodeClaims = aggregate({
  decider: sponsorCodeDecider,
  events: sponsorCodeEvents,
  stream: (name) => name,
});
