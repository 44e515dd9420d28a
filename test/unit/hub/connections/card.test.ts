import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxLedger, unbindSandboxBank } from '../../../../src/commands/hub/banks/providers.js';
import { sandboxCardLinking } from '../../../../src/commands/hub/ports/card-linking.js';
import { cardConnectionDecider } from '../../../../src/domain/hub/connections/card.js';
import type { CardConnectionEvent } from '../../../../src/domain/hub/connections/events.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const card = {
  connectionId: 'k2',
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  providerCode: 'sandbox',
  providerCardId: 'card_tok_1234',
  last4: '1234',
  transactionsEligibleFromDate: now,
};
const linked: CardConnectionEvent = { type: 'CardConnectionLinked', data: { ...card, linkedAt: now } };
const remove = (others: number, evenTheLast = false) => ({
  type: 'DeleteCard' as const,
  data: { by: 'customer' as const, others, evenTheLast, now },
});
const deleted: CardConnectionEvent = {
  type: 'CardConnectionDeleted',
  data: { connectionId: 'k2', by: 'customer', deletedAt: now },
};

describe('a linked card', () => {
  const { given } = spec(cardConnectionDecider);

  it('when the provider took the token, then CardConnectionLinked; again, conflict', () => {
    given([])
      .when({ type: 'LinkCard', data: { ...card, now } })
      .then([linked]);
    given([linked])
      .when({ type: 'LinkCard', data: { ...card, now } })
      .thenThrows('conflict');
  });

  it('when the customer has another connection, then it is deleted; the last one only with the customer', () => {
    given([linked]).when(remove(1)).then([deleted]);
    given([linked]).when(remove(0)).thenThrows('operation_refused');
    given([linked]).when(remove(0, true)).then([deleted]);
  });

  it('when it is unknown or deleted, then not found', () => {
    given([]).when(remove(1)).thenThrows('not_found');
    given([linked, deleted]).when(remove(1)).thenThrows('not_found');
  });

  it('when a sync read its feed, then CardConnectionSynced with the cursor; a deleted card is synced no more', () => {
    const sync = { type: 'RecordCardSync' as const, data: { cursor: '2', imported: 2, now } };
    const synced: CardConnectionEvent = {
      type: 'CardConnectionSynced',
      data: { connectionId: 'k2', cursor: '2', imported: 2, syncedAt: now },
    };
    given([linked]).when(sync).then([synced]);
    given([linked, synced])
      .when({ ...sync, data: { cursor: '2', imported: 0, now } })
      .then([{ type: 'CardConnectionSynced', data: { connectionId: 'k2', cursor: '2', imported: 0, syncedAt: now } }]);
    given([linked, synced, deleted]).when(sync).thenThrows('not_found');
    given([]).when(sync).thenThrows('not_found');
  });
});

describe('the sandbox card-linking adapter', () => {
  it('when the token is tok_fail, then refused; else linked with the last four digits or 4242', async () => {
    expect(await sandboxCardLinking.link({ creditCardToken: 'tok_fail' })).toEqual({
      ok: false,
      errorCode: 'cardRefused',
    });
    expect(await sandboxCardLinking.link({ creditCardToken: 'tok_visa_5678' })).toMatchObject({
      ok: true,
      last4: '5678',
    });
    expect(await sandboxCardLinking.link({ creditCardToken: 'tok_visa' })).toMatchObject({ ok: true, last4: '4242' });
  });

  // Test files share their worker's modules: an earlier file may have bound the sandbox bank to a pool it closed.
  beforeAll(() => unbindSandboxBank());

  it('when purchases are injected under a card, then its feed gives them once, after the cursor', async () => {
    const providerCardId = `card_tok_unit_${Date.now()}`;
    const feed = (cursor: string | null) =>
      sandboxCardLinking.fetchTransactions({ providerCardId, cursor, now: new Date(now) });
    expect(await feed(null)).toEqual({ ok: true, transactions: [], cursor: '0' });
    const purchase = { label: 'CB SHOP', amount: -990, currency: 'EUR', purchaseDate: '2026-12-04' };
    await sandboxLedger().inject(providerCardId, [{ ...purchase, dateBankingStatement: '2026-12-05' }]);
    expect(await feed('0')).toEqual({
      ok: true,
      transactions: [{ ...purchase, dateBankingStatement: '2026-12-05', providerTransactionId: 'injected-1' }],
      cursor: '1',
    });
    expect(await feed('1')).toEqual({ ok: true, transactions: [], cursor: '1' });
  });
});
