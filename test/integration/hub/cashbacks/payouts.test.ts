import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCashback } from '../../../../src/commands/hub/cashbacks/aggregate.js';
import { settleCashback, submitCashback } from '../../../../src/commands/hub/cashbacks/payout.js';
import { catchUpCashbackProcess } from '../../../../src/commands/hub/cashbacks/process.js';
import { requestProgramCashback } from '../../../../src/commands/hub/cashbacks/request.js';
import { loadCustomer } from '../../../../src/commands/hub/customers/load.js';
import {
  cashbackIdOfReward,
  cashbackStream,
  customerStream,
  rewardStream,
} from '../../../../src/commands/hub/streams.js';
import type { PayoutPort } from '../../../../src/commands/hub/ports/payout.js';
import { comparePositions } from '../../../../src/platform/eventstore/position.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import {
  completeReward,
  countingPayout,
  depsWith,
  GOOD_IBAN,
  HOUR,
  processDeps,
  REFUSED_IBAN,
  registerCustomer,
  testClock,
  withAccount,
} from './support.js';

const types = async (infra: TestInfra, stream: string) => (await infra.store.readStream(stream)).map((e) => e.type);

/**
 * Runs the process again until every cashback is requested: the PostgreSQL store shows the log up to the oldest
 * transaction still open on the server, so a pass may not see events appended a moment ago (the next pass does).
 */
async function repeatUntil(pass: () => Promise<unknown>, done: () => Promise<boolean>) {
  for (let tries = 0; tries < 200; tries++) {
    await pass();
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const untilRequested = (pass: () => Promise<unknown>, ids: readonly string[]) =>
  repeatUntil(pass, async () => {
    const streams = await Promise.all(ids.map((id) => infra.store.readStream(cashbackStream(id), { maxCount: 1 })));
    return streams.every((events) => events.length > 0);
  });

let infra: TestInfra;

describe('cashback payouts against the event store', () => {
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const programId = randomUUID();
  const context = { tenantId: programId, actor: 'test' };
  const program = (customerId: string, externalId: string, amount = 1250) => ({
    hubId,
    customerId,
    externalId,
    ownerInfo: { firstName: 'Ada', lastName: 'Lovelace', address: '1 rue de Paris' },
    amount,
    currency: 'EUR',
    label: 'Refund',
    account: null,
  });

  it('two submit workers at once submit each payout once (one CashbackSubmitted, one port call per cashback)', async () => {
    const clock = testClock();
    const { port, keys } = countingPayout();
    const a = depsWith(infra.store, clock, port);
    const b = { ...a };
    const customerId = await registerCustomer(a, hubId, programId);
    await withAccount(a, customerId, programId, GOOD_IBAN);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await requestProgramCashback(a, program(customerId, `two-${randomUUID()}`), context)).cashbackId);
    const outcomes = await Promise.all(ids.flatMap((id) => [submitCashback(a, id), submitCashback(b, id)]));
    expect(outcomes.filter((o) => o === 'submitted')).toHaveLength(ids.length);
    expect([...keys].sort()).toEqual([...ids].sort());
    for (const id of ids)
      expect(await types(infra, cashbackStream(id))).toEqual([
        'CashbackRequested',
        'CashbackSubmitted',
        'CashbackSucceeded',
      ]);
  });

  it('a customer without an account: held, missing once, then retrieved; the held cashback goes on and is RECEIVED', async () => {
    const clock = testClock();
    const deps = depsWith(infra.store, clock, countingPayout().port);
    const customerId = await registerCustomer(deps, hubId, programId);
    const first = (await requestProgramCashback(deps, program(customerId, `held-${randomUUID()}`), context)).cashbackId;
    const second = (await requestProgramCashback(deps, program(customerId, `held-${randomUUID()}`), context))
      .cashbackId;
    expect(await submitCashback(deps, first)).toBe('held');
    expect(await submitCashback(deps, second)).toBe('held');
    expect(await submitCashback(deps, first)).toBe('waiting');
    expect((await types(infra, customerStream(customerId))).filter((t) => t.startsWith('CashbackMethod'))).toEqual([
      'CashbackMethodMissing',
    ]);
    expect((await types(infra, cashbackStream(first))).filter((t) => t === 'CashbackHeld')).toHaveLength(1);
    await withAccount(deps, customerId, programId, GOOD_IBAN);
    // The process sends the held ones on when the method is retrieved.
    const held = processDeps(deps, { heldOf: () => Promise.resolve([first, second]) });
    await repeatUntil(
      () => catchUpCashbackProcess(held),
      async () => (await types(infra, cashbackStream(second))).includes('CashbackSucceeded'),
    );
    expect((await types(infra, customerStream(customerId))).filter((t) => t.startsWith('CashbackMethod'))).toEqual([
      'CashbackMethodMissing',
      'CashbackMethodRetrieved',
    ]);
    expect(await settleCashback(deps, first)).toBe('received');
    expect(await types(infra, cashbackStream(first))).toEqual([
      'CashbackRequested',
      'CashbackHeld',
      'CashbackSubmitted',
      'CashbackSucceeded',
      'CashbackReceived',
    ]);
  });

  it('a refused account: FAILED, tried again after 1 h and 24 h, then REJECTED; the method is said missing once', async () => {
    const clock = testClock();
    const { port, keys } = countingPayout();
    const deps = depsWith(infra.store, clock, port);
    const customerId = await registerCustomer(deps, hubId, programId);
    await withAccount(deps, customerId, programId, REFUSED_IBAN);
    const id = (await requestProgramCashback(deps, program(customerId, `refused-${randomUUID()}`), context)).cashbackId;
    expect(await submitCashback(deps, id)).toBe('submitted');
    clock.advance(HOUR - 1);
    expect(await submitCashback(deps, id)).toBe('skipped');
    clock.advance(1);
    expect(await submitCashback(deps, id)).toBe('submitted');
    clock.advance(24 * HOUR);
    expect(await submitCashback(deps, id)).toBe('submitted');
    clock.advance(100 * HOUR);
    expect(await submitCashback(deps, id)).toBe('skipped');
    expect(keys).toEqual([id, `${id}.2`, `${id}.3`]);
    expect((await types(infra, cashbackStream(id))).slice(-2)).toEqual(['CashbackFailed', 'CashbackRejected']);
    expect((await loadCustomer(infra.store, customerId)).status).toBe('registering');
    expect((await types(infra, customerStream(customerId))).filter((t) => t === 'CashbackMethodMissing')).toHaveLength(
      1,
    );
  });

  it('a deleted customer’s unsubmitted cashbacks are REJECTED, by the process and at submission', async () => {
    const clock = testClock();
    const deps = depsWith(infra.store, clock, countingPayout().port);
    const customerId = await registerCustomer(deps, hubId, programId);
    const known = (await requestProgramCashback(deps, program(customerId, `del-${randomUUID()}`), context)).cashbackId;
    const late = (await requestProgramCashback(deps, program(customerId, `del-${randomUUID()}`), context)).cashbackId;
    const { customers } = await import('../../../../src/commands/hub/customers/aggregate.js');
    await customers.handle(
      customerId,
      { type: 'Delete', data: { by: 'customer', now: clock.now().toISOString() } },
      { store: infra.store, context },
    );
    const deletion = processDeps(deps, { unsubmittedOf: () => Promise.resolve([known]) });
    await repeatUntil(
      () => catchUpCashbackProcess(deletion),
      async () => (await types(infra, cashbackStream(known))).includes('CashbackRejected'),
    );
    expect((await types(infra, cashbackStream(known))).at(-1)).toBe('CashbackRejected');
    // One the read model did not show yet is rejected when cashbackSubmit finds it.
    expect(await submitCashback(deps, late)).toBe('rejected');
    expect((await loadCashback(infra.store, late)).state.status).toBe('rejected');
  });

  it('a completed reward pays one cashback, whatever the replays and processes; RECEIVED refunds the reward', async () => {
    const clock = testClock();
    const deps = depsWith(infra.store, clock, countingPayout().port);
    const customerId = await registerCustomer(deps, hubId, programId);
    await withAccount(deps, customerId, programId, GOOD_IBAN);
    const rewardId = await completeReward(infra.store, { hubId, programId, customerId, rewardValue: 500 });
    // Two processes from the start of the log, at once, then one replaying it.
    const id = cashbackIdOfReward(rewardId);
    await untilRequested(
      () => Promise.all([catchUpCashbackProcess(processDeps(deps)), catchUpCashbackProcess(processDeps(deps))]),
      [id],
    );
    await catchUpCashbackProcess(processDeps(deps));
    expect(await types(infra, cashbackStream(id))).toEqual(['CashbackRequested']);
    // A POINTS hub's reward, or an LTRY one, pays no cashback (contract item 2: settlement points / none).
    const points = await completeReward(infra.store, {
      hubId,
      programId,
      customerId,
      rewardValue: 500,
      settlement: 'points',
    });
    const pass = processDeps(deps);
    const [, completed] = await infra.store.readStream(rewardStream(points));
    // Until the process has read past the points reward: then it decided on it.
    await repeatUntil(
      () => catchUpCashbackProcess(pass),
      async () => comparePositions(await pass.checkpoint.read(), completed!.position) >= 0,
    );
    expect(await types(infra, cashbackStream(cashbackIdOfReward(points)))).toEqual([]);
    expect((await loadCashback(infra.store, id)).state).toMatchObject({
      requested: { origin: 'reward', rewardId, amount: 500, externalId: null },
    });
    await submitCashback(deps, id);
    await settleCashback(deps, id);
    await catchUpCashbackProcess(processDeps(deps));
    expect(await types(infra, rewardStream(rewardId))).toEqual(['RewardStarted', 'RewardCompleted', 'RewardRefunded']);
  });

  it('property: each reward pays at most one cashback, and each cashback ends RECEIVED or REJECTED, over random payout answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (answers, processes) => {
          const clock = testClock();
          const calls = new Map<string, number>();
          const sandbox = countingPayout().port;
          // Each cashback's n-th try is accepted or refused as `answers` say.
          const port: PayoutPort = {
            submit: (request) => {
              const [cashbackId = '', attempt = '1'] = request.idempotencyKey.split('.');
              const plan = plans.get(cashbackId) ?? [];
              calls.set(request.idempotencyKey, (calls.get(request.idempotencyKey) ?? 0) + 1);
              return Promise.resolve(
                plan[Number(attempt) - 1]
                  ? { status: 'accepted' as const, transferId: `t-${request.idempotencyKey}` }
                  : { status: 'refused' as const, transferId: null, reason: 'no' },
              );
            },
            settlement: (t) => sandbox.settlement(t),
          };
          const plans = new Map<string, boolean[]>();
          const deps = depsWith(infra.store, clock, port);
          const customerId = await registerCustomer(deps, hubId, programId);
          await withAccount(deps, customerId, programId, GOOD_IBAN);
          const rewardIds: string[] = [];
          for (const plan of answers) {
            const rewardId = await completeReward(infra.store, { hubId, programId, customerId, rewardValue: 100 });
            rewardIds.push(rewardId);
            plans.set(cashbackIdOfReward(rewardId), plan);
          }
          const ids = rewardIds.map(cashbackIdOfReward);
          await untilRequested(
            () => Promise.all(Array.from({ length: processes }, () => catchUpCashbackProcess(processDeps(deps)))),
            ids,
          );
          // Ticks of two workers, the clock past each retry time.
          for (let tick = 0; tick < 4; tick++) {
            await Promise.all(ids.flatMap((id) => [submitCashback(deps, id), submitCashback({ ...deps }, id)]));
            await Promise.all(ids.map((id) => settleCashback(deps, id)));
            clock.advance(25 * HOUR);
          }
          for (const [key, n] of calls) expect([key, n]).toEqual([key, 1]);
          for (const [i, id] of ids.entries()) {
            const stream = await types(infra, cashbackStream(id));
            expect(stream.filter((t) => t === 'CashbackRequested')).toHaveLength(1);
            const finals = stream.filter((t) => t === 'CashbackReceived' || t === 'CashbackRejected');
            expect(finals).toHaveLength(1);
            expect(finals[0]).toBe(answers[i]!.includes(true) ? 'CashbackReceived' : 'CashbackRejected');
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});
