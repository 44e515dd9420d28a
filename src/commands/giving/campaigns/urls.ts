/** Where a campaign's public page and a manager's profile live. */
export const campaignUrl = (baseUrl: string, slug: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/campaigns/${slug}`;
export const userUrl = (baseUrl: string, userId: string): string => `${baseUrl.replace(/\/+$/, '')}/users/${userId}`;
