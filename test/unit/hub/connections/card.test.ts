import { describe, expect, it } from 'vitest';
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
});
