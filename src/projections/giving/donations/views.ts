import type { PostalAddress } from '../../../domain/giving/address.js';
/*
 * Donations as the read side knows them, in minor units;
 * the HTTP presenters (and the webhook source) turn them into the API's shape.
 */

export type AddressView = Readonly<PostalAddress>;

export interface DonationView {
  readonly id: string;
  readonly campaignId: string;
  readonly planId: string | null;
  readonly teamId: string | null;
  readonly userId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
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
  readonly lineItems: ReadonlyArray<{
    readonly id: string;
    readonly type: 'donation' | 'ticket';
    readonly name: string;
    readonly quantity: number;
    readonly amount: number;
  }>;
  readonly givingSpace: { readonly id: string; readonly name: string } | null;
  readonly utm: {
    readonly source: string | null;
    readonly medium: string | null;
    readonly campaign: string | null;
    readonly term: string | null;
    readonly content: string | null;
  } | null;
  readonly version: number;
}
