/* The providers live below http so the bankSync worker shares the API's instances. */
export { bankProviders, sandboxBankProvider } from '../../../commands/hub/banks/providers.js';
