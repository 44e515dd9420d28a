import type { BankView } from '../../../projections/hub/banks/queries.js';

/** A bank as getBanks shows it *(fields ours)*. */
export const presentBank = (bank: BankView) => ({
  id: bank.id,
  name: bank.name,
  active: bank.active,
  cardType: bank.cardType,
  providerCode: bank.providerCode,
  authModels: bank.authModels,
  country: bank.country,
});
