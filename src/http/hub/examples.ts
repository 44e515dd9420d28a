/* Examples of the hub's answers, for the OpenAPI document. */

export const HUB_ID = '3c1f2e4d-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
/* One customer, store and transaction stand in every example that names one, so the examples agree with each other. */
export const CUSTOMER_ID = '5b0e1c2d-3f4a-8b5c-9d6e-7f8a9b0c1d2e';
export const STORE_ID = '2f3e4d5c-6b7a-8901-8234-56789abcdef0';
export const TRANSACTION_ID = '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

export const customerExample = {
  id: CUSTOMER_ID,
  customerExternalId: null,
  firstName: 'Zoé',
  lastName: 'Martin',
  email: 'zoe.martin@example.org',
  phoneNumber: '612345678',
  countryCode: 33,
  birthDate: '1990-04-12',
  gender: null,
  familyStatus: null,
  postalCode: '33000',
  origin: null,
  referer: null,
  preferredLanguage: 'fr',
  outsideOptIn: false,
  registrationDate: '2026-11-22T10:00:00.000Z',
  transactionsEligibleFromDate: '2026-08-24T10:00:00.000Z',
  dataProviderType: null,
  status: 'registering',
  referralCode: 'ABCD2345',
  pointsBalance: 0,
  cashbackMethod: 'missing',
  hasPassword: true,
  passwordLocked: false,
};

export const customerResourceExample = { data: customerExample, version: 2 };

export const customerListExample = { data: [customerExample], paging: { page: 1, per_page: 20, total: 1 } };

export const customerOptinsExample = {
  data: [{ code: 'cgu', label: "J'accepte les CGU", value: true, registrationType: 'SCR' }],
};

export const customerExistsExample = { data: { customerId: CUSTOMER_ID, status: 'registering' } };

export const referralCheckExample = { data: { customerId: CUSTOMER_ID, referralCode: 'ABCD2345' } };

export const outboxExample = {
  data: [
    {
      id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
      hubId: HUB_ID,
      channel: 'sms',
      to: '+33612345678',
      subject: null,
      text: 'Your code: 123456',
      status: 'delivered',
      created_at: '2026-11-22T10:00:05.000Z',
      attachments: [],
    },
  ],
  paging: { page: 1, per_page: 20, total: 1 },
};

export const configuredOptinsExample = {
  data: {
    registrationType: 'SCR',
    optins: [{ code: 'cgu', label: { fr: "J'accepte les CGU", en: 'I accept the terms' }, required: true }],
  },
};

export const lookupExample = {
  data: {
    id: HUB_ID,
    name: 'Les Arcades',
    shortcut: 'arcades',
    hubType: 'shoppingHub',
    city: 'Bordeaux',
    formattedAddress: '12 rue Sainte-Catherine, 33000 Bordeaux',
    apiKey: 'pk_5f0c6a1e3b7d4c2a',
    country: 'FR',
    host: 'club.arcades.example',
    contactEmail: 'contact@arcades.example',
    supportContactEmail: 'support@arcades.example',
    programName: 'Arcades Club',
    mainLanguage: 'fr',
    phoneRequired: true,
    emailRequired: true,
    customerExternalIdRequired: false,
    scanEnable: true,
    cardRestaurantEnable: false,
    externalId: 'mall-42',
    recaptchaSiteKey: null,
    currency: 'EUR',
    hasExternalFront: false,
    cashbackProvider: null,
    programOffer: null,
    scanConditions: null,
    claimMinimumAmount: '5.00',
    rewardType: 'CASHBACK',
    languages: ['fr', 'en'],
    features: ['paymentCard', 'scan', 'cashback'],
  },
  version: 0,
};
