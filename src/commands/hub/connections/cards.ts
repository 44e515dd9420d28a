import { cardConnectionDecider } from '../../../domain/hub/connections/card.js';
import type { ConnectionDeletion } from '../../../domain/hub/connections/connection.js';
import { cardConnectionEvents } from '../../../domain/hub/connections/events.js';
import { refused } from '../../../domain/shared/errors.js';
import { idsFor } from '../../ids.js';
import { aggregate, inputUseCase, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import type { CardLinking } from '../ports/card-linking.js';
import { connectionStream } from './connections.js';

export const cardConnections = aggregate({
  decider: cardConnectionDecider,
  events: cardConnectionEvents,
  stream: connectionStream,
});

/** addCreditCardConnection: the card-linking provider takes the token (refused: 422 with its code). */
export async function linkCard(
  { store, clock, cards }: CommandDeps & { readonly cards: CardLinking },
  input: {
    hubId: string;
    programId: string;
    customerId: string;
    creditCardToken: string;
    transactionsEligibleFromDate: string;
  },
  context: CommandContext,
) {
  const linked = await cards.link({ creditCardToken: input.creditCardToken });
  if (!linked.ok)
    throw refused('the card-linking provider refused the card', [
      { field: 'creditCardToken', message: 'refused', code: linked.errorCode },
    ]);
  const connectionId = idsFor(context).next();
  const { creditCardToken: _token, ...rest } = input;
  const data = {
    ...rest,
    connectionId,
    providerCode: cards.providerCode,
    providerCardId: linked.cardId,
    last4: linked.last4,
    now: clock.now().toISOString(),
  };
  return {
    ...(await cardConnections.handle(connectionId, { type: 'LinkCard', data }, { store, context })),
    connectionId,
  };
}

export const deleteCard = inputUseCase(cardConnections, (input: ConnectionDeletion, { now }) => ({
  type: 'DeleteCard' as const,
  data: { ...input, now },
}));
