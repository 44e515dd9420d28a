import { donationDecider } from '../../../domain/giving/donations/donation.js';
import { donationEvents } from '../../../domain/giving/donations/events.js';
import { aggregate } from '../../shared/aggregate.js';
import { donationStream } from '../streams.js';

export const donations = aggregate({ decider: donationDecider, events: donationEvents, stream: donationStream });
