import type { ProviderResult, ProviderTransaction } from '../banks/bank-data-provider.js';
import { sandboxLedger } from '../banks/providers.js';

/** Card-linked offers (Checkout tokenization, Fidel): a tokenised card becomes a card the provider watches. */
export interface CardLinking {
  readonly providerCode: string;
  link(input: { readonly creditCardToken: string }): Promise<ProviderResult<{ cardId: string; last4: string }>>;
  /** The card's transactions after `cursor` (null: from the start), and the cursor after them (bankSync). */
  fetchTransactions(input: {
    readonly providerCardId: string;
    readonly cursor: string | null;
    readonly now: Date;
  }): Promise<ProviderResult<{ readonly transactions: ProviderTransaction[]; readonly cursor: string }>>;
}

/**
 * The sandbox: any token but `tok_fail` links a card; last4 is the token's last four digits, else 4242. A card's
 * transactions are injected like a bank's (the sandbox injection route), into the sandbox bank's memory under the
 * card's id, and its feed is what was injected after the cursor.
 */
export const sandboxCardLinking: CardLinking = {
  providerCode: 'sandbox',
  link: ({ creditCardToken }) => {
    if (creditCardToken === 'tok_fail') return Promise.resolve({ ok: false, errorCode: 'cardRefused' });
    const last4 = /(\d{4})$/.exec(creditCardToken)?.[1] ?? '4242';
    return Promise.resolve({ ok: true, cardId: `card_${creditCardToken}`, last4 });
  },
  async fetchTransactions({ providerCardId, cursor }) {
    const after = cursor === null ? 0 : Number(cursor);
    const injected = await sandboxLedger().injectedAfter(providerCardId, Number.isSafeInteger(after) ? after : 0);
    return {
      ok: true,
      transactions: injected.map(({ position, transaction }) => ({
        ...transaction,
        providerTransactionId: `injected-${position}`,
      })),
      cursor: String(injected.at(-1)?.position ?? after),
    };
  },
};

/** The card-linking providers the app runs, by provider code: the sandbox alone for now. */
export const cardLinkingFor = (providerCode: string): CardLinking | undefined =>
  providerCode === sandboxCardLinking.providerCode ? sandboxCardLinking : undefined;
