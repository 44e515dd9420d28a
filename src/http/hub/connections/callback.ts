import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { connectBank } from '../../../commands/hub/connections/connections.js';
import { loadCustomer } from '../../../commands/hub/customers/load.js';
import { subscribeCustomer } from '../../../commands/hub/customers/subscription.js';
import type { CommandContext } from '../../../commands/shared/command.js';
import type { CardType } from '../../../domain/hub/banks/events.js';
import { unknownConnection } from '../../../domain/hub/connections/connection.js';
import { assertOptins } from '../../../domain/hub/customers/optins.js';
import type { RegistrationType } from '../../../domain/hub/hubs/events.js';
import { findHubBank } from '../../../projections/hub/banks/queries.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import { digestUsed, findConnection, hadConnection } from '../../../projections/hub/connections/queries.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import type { HubView } from '../../../projections/hub/hubs/queries.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { hubOfProgram } from '../common.js';
import { readQueryString } from './schemas.js';

export interface CallbackCustomer {
  readonly hubId: string;
  readonly programId: string;
  readonly customerId: string;
}

/** What the bank's redirect carried: its refusal is the provider's code (422), a missing part is a bad request. */
export function consentAnswer(queryString: string): { code: string; state: string } {
  const answer = readQueryString(queryString);
  if (answer.error !== undefined)
    throw new HttpError('operation_refused', 'the bank refused the consent', [
      { field: 'queryString', message: 'the bank answered with an error', code: answer.error.slice(0, 100) },
    ]);
  if (answer.code === undefined || answer.state === undefined)
    throw new HttpError('invalid_request', 'the query string the bank gave carries code and state', [
      { field: 'queryString', message: 'code and state are required' },
    ]);
  return { code: answer.code, state: answer.state };
}

/** The hub's bank with the adapter serving it, active: else 404, or 422 for an inactive bank. */
export async function bankWithProvider(
  ctx: Pick<ApiContext, 'knex'>,
  providers: readonly BankDataProvider[],
  hubId: string,
  bankId: string,
) {
  const bank = await findHubBank(ctx.knex, hubId, bankId);
  const provider = providers.find((p) => p.providerCode === bank?.providerCode);
  if (!bank || !provider) throw new HttpError('not_found', 'bank not found');
  if (!bank.active) throw new HttpError('operation_refused', 'this bank is not active');
  return { bank, provider };
}

/** The codes the hub requires for an optins type. */
export const requiredOptins = (hub: HubView, type: RegistrationType): string[] =>
  (hub.optins[type] ?? []).filter((o) => o.required).map((o) => o.code);

/** The optins type a connection implies (flow 1.4): PSD2 where the hub asks PSD2 optins, else SCR; restaurant. */
const registrationTypeOf = (cardType: CardType, configured: readonly string[]): RegistrationType =>
  cardType === 'restaurant' ? 'restaurant' : configured.includes('PSD2') ? 'PSD2' : 'SCR';

/**
 * A consent comes back (flows 1.4 and 1.7): the required optins are checked before anything is spent, the state and
 * code go to the provider, the connection is created and the customer subscribed (or the method linked).
 */
export async function bankCallback(
  ctx: ApiContext,
  providers: readonly BankDataProvider[],
  who: CallbackCustomer,
  body: { bankId: string; queryString: string },
  context: CommandContext,
) {
  const answer = consentAnswer(body.queryString);
  const { bank, provider } = await bankWithProvider(ctx, providers, who.hubId, body.bankId);
  const found = await findCustomer(ctx.knex, who.hubId, who.customerId);
  if (!found) throw new HttpError('unauthorized', 'this customer no longer exists');
  const hub = await hubOfProgram(ctx, who.programId);
  const registrationType = registrationTypeOf(bank.cardType, Object.keys(hub.optins));
  const required = requiredOptins(hub, registrationType);
  assertOptins(await loadCustomer(ctx.store, who.customerId), registrationType, required);
  const now = ctx.clock.now().toISOString();
  const created = await connectBank(
    { store: ctx.store, clock: ctx.clock, provider },
    {
      ...who,
      bankId: bank.id,
      connectionId: null,
      ...answer,
      dataProviderType: bank.cardType,
      // Ambiguity 22: the first connection inherits the customer's date, later ones start at their creation.
      transactionsEligibleFromDate: (await hadConnection(ctx.knex, who.hubId, who.customerId))
        ? now
        : found.transactionsEligibleFromDate,
      fingerprintUsed: (digest) => digestUsed(ctx.knex, who.hubId, digest),
    },
    context,
  );
  const credentialsPreviouslyUsed = created.state.status !== 'none' && created.state.created.credentialsPreviouslyUsed;
  const subscribed = await subscribeCustomer(
    ctx,
    who.customerId,
    {
      dataProviderType: bank.cardType,
      sourceId: created.connectionId,
      credentialsPreviouslyUsed,
      registrationType,
      required,
    },
    context,
  );
  await readYourWrites(ctx, [HUB_CONNECTIONS_PROJECTION, HUB_CUSTOMERS_PROJECTION])(
    subscribed.position ?? created.position,
  );
  const connection = await findConnection(ctx.knex, who.hubId, who.customerId, created.connectionId);
  if (!connection) throw unknownConnection();
  return connection;
}
