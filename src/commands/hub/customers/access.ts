import { randomBytes, randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { constantTimeEqual, hashPassword, sha256Hex, verifyPassword } from '../../../platform/crypto.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { customers } from './aggregate.js';
import { loadCustomer } from './load.js';
import { customerKeys, openWith, sealWith } from './personal.js';

type Deps = CommandDeps & { readonly knex: Knex };

/** Wrong passwords in a row before the password locks. */
export const MAX_FAILED_LOGINS = 5;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_WAIT_MS = 60_000;
export const MAX_CODE_TRIES = 5;
export const RESET_TTL_MS = 60 * 60_000;

const ACCESS = 'hub_customer_access';
const codeDigest = (customerId: string, code: string) => sha256Hex(`code\n${customerId}\n${code}`);

async function ensureRow(knex: Knex, customerId: string): Promise<void> {
  await knex(ACCESS).insert({ customer_id: customerId }).onConflict('customer_id').ignore();
}

/** The password sealed under the customer's key, as events carry it. */
export async function sealedPassword(knex: Knex, customerId: string, password: string): Promise<string> {
  const key = await customerKeys.ensure(knex, customerId);
  return sealWith(key, customerId, await hashPassword(password));
}

/** Whether `password` is the customer's; false when none is set or the key is gone. */
export async function passwordMatches(knex: Knex, customerId: string, sealed: string | null, password: string) {
  const key = await customerKeys.find(knex, customerId);
  if (!key || sealed === null) return false;
  return verifyPassword(password, openWith(key, customerId, sealed));
}

export type LoginOutcome = 'ok' | 'wrong' | 'locked';

/**
 * A sign-in with a password: a locked password refuses at once; a wrong one counts, and the fifth in a row locks it
 * (CustomerPasswordLocked); a right one clears the count.
 */
export async function login(
  deps: Deps,
  customerId: string,
  password: string,
  context: CommandContext,
): Promise<LoginOutcome> {
  const state = await loadCustomer(deps.store, customerId);
  if (state.status !== 'registering') return 'wrong';
  if (state.locked) return 'locked';
  if (await passwordMatches(deps.knex, customerId, state.password, password)) {
    await deps.knex(ACCESS).where({ customer_id: customerId }).update({ failed_logins: 0 });
    return 'ok';
  }
  await ensureRow(deps.knex, customerId);
  const [row] = await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .increment('failed_logins', 1)
    .returning<Array<{ failed_logins: number }>>('failed_logins');
  if ((row?.failed_logins ?? 0) < MAX_FAILED_LOGINS) return 'wrong';
  await customers.handle(
    customerId,
    { type: 'LockPassword', data: { now: deps.clock.now().toISOString() } },
    { store: deps.store, context },
  );
  await deps.knex(ACCESS).where({ customer_id: customerId }).update({ failed_logins: 0 });
  return 'locked';
}

/** The program frees a locked password. */
export async function unlockPassword(deps: Deps, customerId: string, context: CommandContext) {
  await deps.knex(ACCESS).where({ customer_id: customerId }).update({ failed_logins: 0 });
  return customers.handle(
    customerId,
    { type: 'UnlockPassword', data: { now: deps.clock.now().toISOString() } },
    { store: deps.store, context },
  );
}

/**
 * A new six-digit code for the customer (the sandbox's fixed one when configured), its digest kept 10 minutes; another
 * within 60 s gives undefined (429). Returns the code for the SMS port, never stored in clear.
 */
export async function newTemporaryCode(
  deps: Deps,
  customerId: string,
  fixedCode: string | undefined,
): Promise<string | undefined> {
  const now = deps.clock.now();
  await ensureRow(deps.knex, customerId);
  const code = fixedCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const updated = await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .andWhere((q) => {
      q.whereNull('code_wait_until').orWhere('code_wait_until', '<=', now);
    })
    .update({
      code_digest: codeDigest(customerId, code),
      code_expires_at: new Date(now.getTime() + CODE_TTL_MS),
      code_tries: 0,
      code_wait_until: new Date(now.getTime() + CODE_WAIT_MS),
    });
  return updated === 0 ? undefined : code;
}

/** A failed delivery lifts the wait, so the customer can ask again at once. */
export async function liftCodeWait(knex: Knex, customerId: string): Promise<void> {
  await knex(ACCESS).where({ customer_id: customerId }).update({ code_wait_until: null });
}

/** Whether the code is the customer's live one; a wrong one counts, and the fifth voids the code. */
export async function checkTemporaryCode(deps: Deps, customerId: string, code: string): Promise<boolean> {
  const now = deps.clock.now();
  const row = (await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .select('code_digest', 'code_expires_at', 'code_tries')
    .first()) as { code_digest: string | null; code_expires_at: Date | null; code_tries: number } | undefined;
  if (!row?.code_digest || !row.code_expires_at || row.code_expires_at <= now) return false;
  if (constantTimeEqual(row.code_digest, codeDigest(customerId, code))) {
    await deps
      .knex(ACCESS)
      .where({ customer_id: customerId })
      .update({ code_digest: null, code_expires_at: null, code_tries: 0 });
    return true;
  }
  const tries = row.code_tries + 1;
  await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .update(
      tries >= MAX_CODE_TRIES ? { code_digest: null, code_expires_at: null, code_tries: 0 } : { code_tries: tries },
    );
  return false;
}

/** A one-time reset token (1 h), kept as a digest; the token itself goes only into the email. */
export async function newResetToken(deps: Deps, customerId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await ensureRow(deps.knex, customerId);
  await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .update({ reset_digest: sha256Hex(token), reset_expires_at: new Date(deps.clock.now().getTime() + RESET_TTL_MS) });
  return token;
}

/** Sets the password from a live reset token, unlocks it and spends the token; undefined when the token is not live. */
export async function resetPassword(deps: Deps, token: string, password: string, context: CommandContext) {
  const row = (await deps
    .knex(ACCESS)
    .where({ reset_digest: sha256Hex(token) })
    .where('reset_expires_at', '>', deps.clock.now())
    .select('customer_id')
    .first()) as { customer_id: string } | undefined;
  if (!row) return undefined;
  const customerId = row.customer_id;
  const state = await loadCustomer(deps.store, customerId);
  if (state.status !== 'registering' || state.programId !== context.tenantId) return undefined;
  const sealed = await sealedPassword(deps.knex, customerId, password);
  const result = await customers.handle(
    customerId,
    { type: 'ResetPassword', data: { password: sealed, now: deps.clock.now().toISOString() } },
    { store: deps.store, context },
  );
  await deps
    .knex(ACCESS)
    .where({ customer_id: customerId })
    .update({ reset_digest: null, reset_expires_at: null, failed_logins: 0 });
  return { customerId, result };
}
