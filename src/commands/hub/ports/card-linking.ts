import type { ProviderResult } from '../banks/bank-data-provider.js';

/** Card-linked offers (Checkout tokenization, Fidel): a tokenised card becomes a card the provider watches. */
export interface CardLinking {
  readonly providerCode: string;
  link(input: { readonly creditCardToken: string }): Promise<ProviderResult<{ cardId: string; last4: string }>>;
}

/** The sandbox: any token but `tok_fail` links a card; last4 is the token's last four digits, else 4242. */
export const sandboxCardLinking: CardLinking = {
  providerCode: 'sandbox',
  link: ({ creditCardToken }) => {
    if (creditCardToken === 'tok_fail') return Promise.resolve({ ok: false, errorCode: 'cardRefused' });
    const last4 = /(\d{4})$/.exec(creditCardToken)?.[1] ?? '4242';
    return Promise.resolve({ ok: true, cardId: `card_${creditCardToken}`, last4 });
  },
};
