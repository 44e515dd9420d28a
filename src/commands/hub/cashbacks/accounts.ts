import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import { DomainError } from '../../../domain/shared/errors.js';

/*
 * Account validation with ibantools (a well-kept library: country, length, BBAN format, mod-97 checksum), never by
 * hand; a UK account by the contract's rule (a 6-digit sort code and an 8-digit account number).
 */

export const invalidIban = (field: string, message: string): DomainError =>
  new DomainError('invalid_request', 'the account is not valid', [{ field, message, code: 'invalidIban' }]);

/**
 * An IBAN in electronic format (no spaces, upper case) when it passes ibantools' checks (country, length, BBAN
 * format, mod-97 checksum), else a 422 `invalidIban` on `field`.
 */
export function validIban(input: string, field = 'iban'): string {
  const iban = electronicFormatIBAN(input);
  if (!iban || !isValidIBAN(iban)) throw invalidIban(field, 'not a valid IBAN (country, length or checksum)');
  return iban;
}

const SORT_CODE = /^\d{6}$/;
const ACCOUNT_NUMBER = /^\d{8}$/;

/** A UK account: a 6-digit sort code (dashes or spaces allowed) and an 8-digit account number (api-hub.md). */
export function validUkAccount(sortCode: string, accountNumber: string): BankAccount {
  const code = sortCode.replace(/[\s-]/g, '');
  const number = accountNumber.replace(/\s/g, '');
  if (!SORT_CODE.test(code)) throw invalidIban('sortCode', 'six digits');
  if (!ACCOUNT_NUMBER.test(number)) throw invalidIban('accountNumber', 'eight digits');
  return { kind: 'uk', sortCode: code, accountNumber: number };
}
