/*
 * Campaigns as the read side knows them, in minor units;
 * the HTTP presenters (and the webhook source) turn them into the API's shape.
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
