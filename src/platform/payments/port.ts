/**
 * The payment processor, a third party that cannot run here: goodstream talks to
 * it through this port, and ships a sandbox adapter (see sandbox.ts). Amounts are
 * integer minor units.
 */
export interface ChargeRequest {
  /**
   * The same key always answers the same result and charges at most once, as
   * Stripe's Idempotency-Key does: billing derives it from (payer, period), so
   * two workers billing the same period cannot charge twice.
   */
  readonly idempotencyKey: string;
  readonly programId: string;
  readonly amount: number;
  readonly currency: string;
  /** A payment-method token from the client (e.g. a Stripe token); never logged. */
  readonly token: string;
  readonly description?: string;
}

/** The processor's refusal, of a charge or of a refund alike: its code and its reason. */
type ProcessorFailure = { readonly status: 'failed'; readonly code: string; readonly reason: string };

export type ChargeResult = { readonly status: 'succeeded'; readonly chargeId: string } | ProcessorFailure;

export interface RefundRequest {
  readonly idempotencyKey: string;
  readonly programId: string;
  readonly chargeId: string;
  readonly amount: number;
}

export type RefundResult = { readonly status: 'succeeded'; readonly refundId: string } | ProcessorFailure;

export interface PaymentProvider {
  readonly kind: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}
