import type { CustomerView } from '../../../projections/hub/customers/queries.js';

/** seed 004's customer (getCustomer): the registration fields, dates, status and the fields marked ours. */
export function presentCustomer(c: CustomerView) {
  return {
    id: c.id,
    customerExternalId: c.customerExternalId,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phoneNumber: c.phoneNumber,
    countryCode: c.countryCode,
    birthDate: c.birthDate,
    gender: c.gender,
    familyStatus: c.familyStatus,
    postalCode: c.postalCode,
    origin: c.origin,
    referer: c.referer,
    preferredLanguage: c.preferredLanguage,
    outsideOptIn: c.outsideOptIn,
    registrationDate: c.registrationDate,
    transactionsEligibleFromDate: c.transactionsEligibleFromDate,
    dataProviderType: c.dataProviderType,
    status: c.status === 'subscribed' ? ('subscribed' as const) : ('registering' as const),
    referralCode: c.referralCode,
    pointsBalance: c.pointsBalance,
    cashbackMethod: c.cashbackMethod,
    hasPassword: c.hasPassword,
    passwordLocked: c.passwordLocked,
  };
}
