import { describe, expect, it } from 'vitest';
import { REFUSED_IBAN, REFUSED_UK_ACCOUNT, sandboxPayout } from '../../../../src/commands/hub/ports/payout.js';

const request = { amount: 1250, currency: 'EUR', label: 'Refund' };

describe('the sandbox payout', () => {
  const payout = sandboxPayout({ settleDelayMs: 60_000 });

  it('accepts a valid account, the transfer id derived from the idempotency key (a repeat is the same transfer)', async () => {
    const account = { kind: 'iban' as const, iban: 'FR1420041010050500013M02606' };
    const first = await payout.submit({ ...request, idempotencyKey: 'cb-1', account });
    const again = await payout.submit({ ...request, idempotencyKey: 'cb-1', account });
    const other = await payout.submit({ ...request, idempotencyKey: 'cb-1.2', account });
    expect(first).toMatchObject({ status: 'accepted' });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('refuses DE89370400440532013000 and the UK account 00000000 on every try', async () => {
    const iban = await payout.submit({
      ...request,
      idempotencyKey: 'k',
      account: { kind: 'iban', iban: REFUSED_IBAN },
    });
    const uk = await payout.submit({
      ...request,
      idempotencyKey: 'k2',
      account: { kind: 'uk', sortCode: '123456', accountNumber: REFUSED_UK_ACCOUNT },
    });
    expect(iban).toMatchObject({ status: 'refused' });
    expect(uk).toMatchObject({ status: 'refused' });
  });

  it('settles PAYOUT_SETTLE_DELAY_MS after the acceptance, not before', async () => {
    const acceptedAt = '2026-12-05T09:00:00.000Z';
    expect(await payout.settlement({ transferId: 't', acceptedAt, now: '2026-12-05T09:00:59.999Z' })).toBe('pending');
    expect(await payout.settlement({ transferId: 't', acceptedAt, now: '2026-12-05T09:01:00.000Z' })).toBe('settled');
    expect(await sandboxPayout({ settleDelayMs: 0 }).settlement({ transferId: 't', acceptedAt, now: acceptedAt })).toBe(
      'settled',
    );
  });
});
