import type { ConnectionView } from '../../../projections/hub/connections/queries.js';

/** A connection as getAllCustomerConnections shows it. */
export const presentConnection = (c: ConnectionView) => ({
  id: c.id,
  type: c.type,
  bank: c.bankId === null ? null : { id: c.bankId, name: c.bankName },
  dataProviderType: c.dataProviderType,
  status: c.status,
  errorCode: c.errorCode,
  errorMessage: c.errorMessage,
  transactionsEligibleFromDate: c.transactionsEligibleFromDate,
  consentExpiresAt: c.consentExpiresAt,
  last4: c.last4,
  createdAt: c.createdAt,
});
