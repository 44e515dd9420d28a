/** An account a cashback is paid to: an IBAN, or a UK sort code and account number. */
export type BankAccount =
  | { readonly kind: 'iban'; readonly iban: string }
  | { readonly kind: 'uk'; readonly sortCode: string; readonly accountNumber: string };

/** What getCustomerFavoriteAccount shows of an account: the IBAN masked but its last 4. */
export interface AccountDisplay {
  readonly iban: string | null;
  readonly sortCode: string | null;
  readonly accountNumber: string | null;
}

const masked = (value: string) => `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;

export const lastFourOf = (account: BankAccount): string =>
  (account.kind === 'iban' ? account.iban : account.accountNumber).slice(-4);

export function displayOf(account: BankAccount): AccountDisplay {
  return account.kind === 'iban'
    ? { iban: masked(account.iban), sortCode: null, accountNumber: null }
    : { iban: null, sortCode: account.sortCode, accountNumber: masked(account.accountNumber) };
}

/** The customer's cashback method as the profile and cashback_method_updated say it (null: never said yet). */
export type CashbackMethod = 'missing' | 'retrieved' | null;

type MethodEvent =
  | { readonly type: 'CashbackMethodMissing'; readonly data: { customerId: string; reason: MissingReason; at: string } }
  | { readonly type: 'CashbackMethodRetrieved'; readonly data: { customerId: string; at: string } };
export type MissingReason = 'noAccount' | 'accountRefused';

/** `missing` once per gap: a cashback held again, or refused again, while the method is missing says nothing more. */
export function methodMissing(
  method: CashbackMethod,
  customerId: string,
  reason: MissingReason,
  at: string,
): MethodEvent[] {
  return method === 'missing' ? [] : [{ type: 'CashbackMethodMissing', data: { customerId, reason, at } }];
}

/** `retrieved` when an account is set while the method is not known good; a changed good account says nothing. */
export function methodRetrieved(method: CashbackMethod, customerId: string, at: string): MethodEvent[] {
  return method === 'retrieved' ? [] : [{ type: 'CashbackMethodRetrieved', data: { customerId, at } }];
}
