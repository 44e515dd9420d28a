/** The countries the SMS port serves, with their calling codes (getPhoneCountries). */
export const PHONE_COUNTRIES = [
  { countryCode: 33, iso: 'FR', name: 'France' },
  { countryCode: 32, iso: 'BE', name: 'Belgium' },
  { countryCode: 41, iso: 'CH', name: 'Switzerland' },
  { countryCode: 49, iso: 'DE', name: 'Germany' },
  { countryCode: 34, iso: 'ES', name: 'Spain' },
  { countryCode: 44, iso: 'GB', name: 'United Kingdom' },
  { countryCode: 353, iso: 'IE', name: 'Ireland' },
  { countryCode: 39, iso: 'IT', name: 'Italy' },
  { countryCode: 352, iso: 'LU', name: 'Luxembourg' },
  { countryCode: 31, iso: 'NL', name: 'Netherlands' },
  { countryCode: 351, iso: 'PT', name: 'Portugal' },
] as const;

export const PHONE_COUNTRY_CODES: readonly number[] = PHONE_COUNTRIES.map((c) => c.countryCode);
