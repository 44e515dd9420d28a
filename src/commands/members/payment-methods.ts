import type { Knex } from 'knex';
import type { SecretBox } from '../../platform/secret-box.js';

/**
 * The card token later billing needs, sealed (AES-256-GCM) in a table of its
 * own: events and read models never hold it, and erasing a member's card is
 * one delete.
 */
export interface PaymentMethods {
  save(memberId: string, programId: string, token: string, now: Date): Promise<void>;
  /** The token in clear, only to charge it; undefined when the member left no card. */
  open(memberId: string, programId: string): Promise<string | undefined>;
}

export function paymentMethods(knex: Knex, box: () => Promise<SecretBox>): PaymentMethods {
  return {
    async save(memberId, programId, token, now) {
      const sealed = (await box()).seal(token);
      await knex('gs_member_payment_methods')
        .insert({ member_id: memberId, program_id: programId, sealed_token: sealed, updated_at: now })
        .onConflict('member_id')
        .merge(['sealed_token', 'updated_at']);
    },
    async open(memberId, programId) {
      const row = await knex('gs_member_payment_methods')
        .where({ member_id: memberId, program_id: programId })
        .first<{ sealed_token: string } | undefined>('sealed_token');
      return row && (await box()).open(row.sealed_token);
    },
  };
}
