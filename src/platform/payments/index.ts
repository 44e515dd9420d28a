export type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, RefundResult } from './port.js';
export { FAILING_TOKEN, sandboxPayments, sandboxPaymentsMigration } from './sandbox.js';
