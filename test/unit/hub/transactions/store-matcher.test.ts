import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStoreMatcher } from '../../../../src/commands/hub/transactions/store-matcher.js';
import type { MatchableStore, MatchableTransaction } from '../../../../src/domain/hub/transactions/matching-rules.js';
import { referenceStoreMatcher } from '../../../../src/domain/hub/transactions/reference-matcher.js';

const store = (externalId: string, patterns: string[], type: 'store' | 'service' = 'store'): MatchableStore => ({
  id: `id-${externalId}`,
  externalId,
  type,
  patterns,
});
const debit = (label: string, extra: Partial<MatchableTransaction> = {}): MatchableTransaction => ({
  label,
  amount: -1053,
  purchaseDate: '2026-12-04',
  eligibleFrom: '2026-11-01T10:00:00.000Z',
  ...extra,
});

describe.each([
  ['the compiled matcher', compileStoreMatcher],
  ['the reference loop', referenceStoreMatcher],
])('%s', (_name, compile) => {
  const matchedId = (stores: MatchableStore[], transaction: MatchableTransaction): string | null => {
    const outcome = compile(stores).match(transaction);
    return outcome.matched ? outcome.purchaseLocation.externalId : null;
  };

  it('when a debit label contains a pattern in any case, then it matches that store', () => {
    const outcome = compile([store('A1', ['SANDBOX STORE A'])]).match(debit('cb Sandbox Store A 03/12'));
    expect(outcome).toEqual({
      matched: true,
      purchaseLocation: { id: 'id-A1', externalId: 'A1', type: 'store' },
      pattern: 'SANDBOX STORE A',
    });
  });

  it('when a pattern is given in lower case, then it is compared upper-cased', () => {
    expect(matchedId([store('7', ['fnac'])], debit('CB FNAC PARIS'))).toBe('7');
  });

  it('when two patterns occur, then the longest wins whatever the order of the list', () => {
    const stores = [store('1', ['SANDBOX STORE']), store('2', ['SANDBOX STORE A'])];
    expect(matchedId(stores, debit('CB SANDBOX STORE A'))).toBe('2');
    expect(matchedId(stores.toReversed(), debit('CB SANDBOX STORE A'))).toBe('2');
  });

  it('when the longest is a shorter store pattern found later in the label, then length still decides', () => {
    const stores = [store('1', ['CB']), store('2', ['PHARMACIE'])];
    expect(matchedId(stores, debit('CB PHARMACIE DU CENTRE'))).toBe('2');
  });

  it('when two patterns of the same length occur, then the lowest externalId wins', () => {
    const stores = [store('B-20', ['ZARA']), store('B-10', ['CAFE'])];
    expect(matchedId(stores, debit('CB CAFE ZARA'))).toBe('B-10');
    expect(matchedId(stores.toReversed(), debit('CB ZARA CAFE'))).toBe('B-10');
  });

  it('when two stores share a pattern, then the lowest externalId wins', () => {
    const stores = [store('20', ['H&M']), store('10', ['H&M']), store('30', ['H&M'])];
    expect(matchedId(stores, debit('CB H&M 12'))).toBe('10');
  });

  it('when a service matches, then its type is service', () => {
    const outcome = compile([store('S1', ['PARKING'], 'service')]).match(debit('PARKING NIVEAU -2'));
    expect(outcome.matched && outcome.purchaseLocation.type).toBe('service');
  });

  it('when the transaction is a credit or zero, then it is never matched', () => {
    const stores = [store('A1', ['SANDBOX STORE A'])];
    expect(compile(stores).match(debit('SANDBOX STORE A', { amount: 150000 }))).toEqual({
      matched: false,
      reason: 'notADebit',
    });
    expect(compile(stores).match(debit('SANDBOX STORE A', { amount: 0 }))).toEqual({
      matched: false,
      reason: 'notADebit',
    });
  });

  it('when the purchase is before the eligible day, then it is not matched; on that day it is', () => {
    const stores = [store('A1', ['SANDBOX STORE A'])];
    const eligibleFrom = '2026-12-04T18:30:00.000Z';
    expect(compile(stores).match(debit('SANDBOX STORE A', { purchaseDate: '2026-12-03', eligibleFrom }))).toEqual({
      matched: false,
      reason: 'beforeEligibility',
    });
    expect(matchedId(stores, debit('SANDBOX STORE A', { purchaseDate: '2026-12-04', eligibleFrom }))).toBe('A1');
  });

  it('when no pattern occurs, or the hub has no store, then the reason is noStore', () => {
    expect(compile([store('A1', ['SANDBOX STORE A'])]).match(debit('CB UNKNOWN SHOP'))).toEqual({
      matched: false,
      reason: 'noStore',
    });
    expect(compile([]).match(debit('CB UNKNOWN SHOP'))).toEqual({ matched: false, reason: 'noStore' });
  });

  it('when an accent is written as a combining mark, then it matches the precomposed pattern', () => {
    expect(matchedId([store('1', ['CAFÉ'])], debit('CB CAFE\u0301 DE LA GARE'))).toBe('1');
  });

  it('when a store has an empty pattern, then it is ignored rather than matching every label', () => {
    expect(matchedId([store('1', ['', 'FNAC'])], debit('CB DARTY'))).toBeNull();
  });
});

// Letters whose upper case and NFC form are themselves, so a character is one grapheme and `includes` is exact.
const letter = fc.constantFrom('A', 'B', 'C', ' ', '*', 'É', '1');
const text = (maxLength: number) => fc.array(letter, { minLength: 1, maxLength }).map((cs) => cs.join(''));
const stores = fc
  .uniqueArray(fc.string({ unit: fc.constantFrom('0', '1', '2', 'x'), minLength: 1, maxLength: 3 }), {
    maxLength: 30,
  })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((externalId) =>
        fc.record({
          externalId: fc.constant(externalId),
          id: fc.constant(`id-${externalId}`),
          type: fc.constantFrom('store' as const, 'service' as const),
          patterns: fc.array(text(4), { minLength: 1, maxLength: 3 }),
        }),
      ),
    ),
  );

describe('the compiled matcher against the includes loop', () => {
  it('when stores and labels are arbitrary, then both choose the same store for every transaction', () => {
    fc.assert(
      fc.property(
        stores,
        fc.array(fc.record({ label: text(24), amount: fc.integer({ min: -5000, max: 5000 }) }), { maxLength: 20 }),
        (list, transactions) => {
          const compiled = compileStoreMatcher(list);
          const reference = referenceStoreMatcher(list);
          for (const { label, amount } of transactions) {
            const transaction = { label, amount, purchaseDate: '2026-12-04', eligibleFrom: '2026-12-01T00:00:00Z' };
            expect(compiled.match(transaction)).toEqual(reference.match(transaction));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
