import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { InjectedTransaction, SandboxAccount, SandboxBankLedger } from './sandbox-ledger.js';

const ACCOUNTS = 'hub_sandbox_bank_accounts';
const FEED = 'hub_sandbox_bank_feed';

interface AccountRow {
  login: string;
  consent_expires_at: string;
  syncs: number;
  reauthorised: boolean;
  invalid: boolean;
}

const account = (r: AccountRow | undefined): SandboxAccount | null =>
  r === undefined
    ? null
    : {
        login: r.login,
        consentExpiresAt: r.consent_expires_at,
        syncs: r.syncs,
        reauthorised: r.reauthorised,
        invalid: r.invalid,
      };

/** The sandbox bank's ledger in PostgreSQL: what one API process opened, another (or a worker) syncs. */
export function pgLedger(knex: Knex): SandboxBankLedger {
  const of = (id: string) => knex(ACCOUNTS).where({ provider_connection_id: id });
  return {
    async open(id, login, consentExpiresAt) {
      await knex(ACCOUNTS)
        .insert({ provider_connection_id: id, login, consent_expires_at: consentExpiresAt })
        .onConflict('provider_connection_id')
        .merge({ login, consent_expires_at: consentExpiresAt, syncs: 0, reauthorised: false, invalid: false });
    },
    account: async (id) => account(await of(id).first<AccountRow | undefined>()),
    async countSync(id) {
      const [row] = await of(id)
        .increment('syncs', 1)
        .returning<AccountRow[]>(['login', 'consent_expires_at', 'syncs', 'reauthorised', 'invalid']);
      return account(row);
    },
    async renew(id, consentExpiresAt) {
      await of(id).update({ consent_expires_at: consentExpiresAt, syncs: 0, reauthorised: true, invalid: false });
    },
    async invalidate(id) {
      await of(id).update({ invalid: true });
    },
    async countPoll(digest) {
      const [row] = await knex('hub_sandbox_bank_polls')
        .insert({ digest, polls: 1 })
        .onConflict('digest')
        .merge({ polls: knex.raw('hub_sandbox_bank_polls.polls + 1') })
        .returning<{ polls: number }[]>('polls');
      return row?.polls ?? 1;
    },
    async inject(id, transactions) {
      await knex.transaction(async (trx) => {
        // Two injections at once must not take the same positions.
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`hub_sandbox_bank_feed:${id}`]);
        const last = await trx(FEED)
          .where({ provider_connection_id: id })
          .max<{ max: number | null }>('position as max')
          .first();
        const from = (last?.max ?? 0) + 1;
        if (transactions.length === 0) return;
        await trx(FEED).insert(
          transactions.map((transaction, i) => ({
            provider_connection_id: id,
            position: from + i,
            transaction: JSON.stringify(transaction),
          })),
        );
      });
    },
    async injectedAfter(id, position) {
      const rows = await knex(FEED)
        .where({ provider_connection_id: id })
        .where('position', '>', position)
        .orderBy('position')
        .select<{ position: number; transaction: InjectedTransaction }[]>('position', 'transaction');
      return rows.map((r) => ({ position: r.position, transaction: r.transaction }));
    },
  };
}

/** The key that signs the sandbox bank's codes: made once, kept in the database, read once per process. */
export function pgSandboxKey(knex: Knex): () => Promise<string> {
  let loaded: Promise<string> | undefined;
  const load = async () => {
    await knex('hub_sandbox_bank_key')
      .insert({ id: 1, secret: randomBytes(32).toString('hex') })
      .onConflict('id')
      .ignore();
    const row = await knex('hub_sandbox_bank_key').where({ id: 1 }).first<{ secret: string }>('secret');
    return row.secret;
  };
  return () => {
    // A failed read is tried again at the next use instead of being kept.
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
