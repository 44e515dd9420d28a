import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { sqlMigration } from '../db.js';
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, RefundResult } from './port.js';

/** The token the sandbox declines, as Stripe's test cards do. */
export const FAILING_TOKEN = 'tok_fail';

export const sandboxPaymentsMigration = sqlMigration(
  '0012_sandbox_payments',
  `
      create table sandbox_payments (
        idempotency_key text primary key,
        kind text not null check (kind in ('charge', 'refund')),
        program_id text not null,
        amount bigint not null,
        currency text,
        result jsonb not null,
        created_at timestamptz not null default now()
      );
    `,
);

const idFor = (prefix: string, key: string): string =>
  `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/**
 * A processor that accepts every token but `tok_fail`. Results are kept in
 * PostgreSQL by idempotency key, so the first answer for a key is the answer
 * for every process that asks again, as a real processor's idempotency keys
 * behave; the token itself is not stored.
 */
export function sandboxPayments(knex: Knex): PaymentProvider {
  async function once<R>(
    key: string,
    kind: 'charge' | 'refund',
    programId: string,
    amount: number,
    currency: string | null,
    result: R,
  ): Promise<R> {
    const inserted = await knex('sandbox_payments')
      .insert({ idempotency_key: key, kind, program_id: programId, amount, currency, result: JSON.stringify(result) })
      .onConflict('idempotency_key')
      .ignore()
      .returning('result');
    if (inserted.length > 0) return result;
    const row = await knex('sandbox_payments').where({ idempotency_key: key }).first<{ result: R }>('result');
    if (!row) throw new Error(`sandbox payment ${key} vanished`);
    return row.result;
  }
  return {
    kind: 'sandbox',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const result: ChargeResult =
        request.token === FAILING_TOKEN
          ? { status: 'failed', code: 'card_declined', reason: 'Your card was declined.' }
          : request.amount <= 0
            ? { status: 'failed', code: 'amount_too_small', reason: 'The amount must be positive.' }
            : { status: 'succeeded', chargeId: idFor('ch', request.idempotencyKey) };
      return once(
        `charge:${request.idempotencyKey}`,
        'charge',
        request.programId,
        request.amount,
        request.currency,
        result,
      );
    },
    async refund(request: RefundRequest): Promise<RefundResult> {
      const result: RefundResult = { status: 'succeeded', refundId: idFor('re', request.idempotencyKey) };
      return once(`refund:${request.idempotencyKey}`, 'refund', request.programId, request.amount, null, result);
    },
  };
}
