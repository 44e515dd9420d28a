/*
 * Campaigns and donations as the read side knows them, in minor units; the HTTP
 * presenters (and the webhook source) turn them into the API's shape.
 */

export interface ManagerView {
  readonly userId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly picture: string | null;
  readonly url: string;
  /** What this user gave (counted donations under their email), minor units. */
  readonly donated: number;
  /** What donations credited to this user (user_id) brought, minor units. */
  readonly raised: number;
  readonly campaigns: ReadonlyArray<{ readonly id: string; readonly title: string; readonly slug: string }>;
}

export interface CampaignView {
  readonly id: string;
  readonly programId: string;
  readonly title: string;
  readonly description: string;
  readonly slug: string;
  readonly goal: number;
  readonly currency: string;
  readonly startAt: string;
  readonly endAt: string | null;
  readonly url: string;
  readonly image: { readonly url: string } | null;
  readonly status: 'active' | 'archived';
  readonly archivedAt: string | null;
  readonly raised: number;
  readonly numberOfDonors: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly managers: readonly ManagerView[];
  readonly version: number;
}

export interface AddressView {
  readonly line1: string | null;
  readonly line2: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly country: string | null;
}

export interface DonationView {
  readonly id: string;
  readonly campaignId: string;
  readonly planId: string | null;
  readonly teamId: string | null;
  readonly userId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly address: AddressView | null;
  readonly status: 'succeeded' | 'authorized' | 'failed' | 'canceled';
  readonly method: 'card' | 'check' | 'cash';
  readonly amount: number;
  readonly fee: number;
  readonly feeCovered: number;
  readonly donated: number;
  readonly payout: number;
  readonly currency: string;
  readonly createdAt: string;
  readonly captured: boolean;
  readonly capturedAt: string | null;
  readonly refunded: boolean;
  readonly refundedAt: string | null;
  readonly lineItems: ReadonlyArray<{ readonly id: string; readonly type: 'donation' | 'ticket'; readonly name: string; readonly quantity: number; readonly amount: number }>;
  readonly givingSpace: { readonly id: string; readonly name: string } | null;
  readonly utm: { readonly source: string | null; readonly medium: string | null; readonly campaign: string | null; readonly term: string | null; readonly content: string | null } | null;
  readonly version: number;
}
