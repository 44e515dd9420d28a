import { displayOf, lastFourOf, type BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import type { CommandContext } from '../../shared/command.js';
import { customers } from '../customers/aggregate.js';
import { sealAccount, type CashbackDeps } from './aggregate.js';

/**
 * postFavoriteAccount: the account sealed with the secret box on the customer's stream, shown masked but the last 4;
 * the cashback method becomes `retrieved` (the held cashbacks then go on: the cashback process submits them).
 */
export async function setFavoriteAccount(
  deps: Pick<CashbackDeps, 'store' | 'clock' | 'box'>,
  customerId: string,
  account: BankAccount,
  context: CommandContext,
  expectedRevision?: bigint,
) {
  const box = await deps.box();
  return customers.run(
    deps,
    customerId,
    context,
    ({ now }) => ({
      type: 'SetFavoriteAccount' as const,
      data: { account: sealAccount(box, account), display: displayOf(account), last4: lastFourOf(account), now },
    }),
    { expectedRevision },
  );
}
