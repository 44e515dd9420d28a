import { receiptDecider } from '../../../domain/hub/receipts/receipt.js';
import { receiptEvents } from '../../../domain/hub/receipts/events.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import { receiptStream } from '../streams.js';
import { makeScanTransaction } from './receipts.js';

/**
 * A validated receipt whose transaction is missing (a crash between the two appends) gets it now: the transaction's
 * id derives from the receipt, so running this twice, or beside the upload that crashed, imports it once.
 */
export async function repairScanTransactions(
  deps: CommandDeps,
  receipts: readonly { id: string; programId: string }[],
) {
  let repaired = 0;
  for (const { id, programId } of receipts) {
    const { state } = await foldStream(deps.store, receiptDecider, receiptEvents, receiptStream(id));
    if (state.status !== 'validated' || state.validated === null) continue;
    const context = { tenantId: programId, actor: 'claimExpiry', causationId: id };
    const made = await makeScanTransaction(deps, state.uploaded, state.validated, context);
    if (made.events.length > 0) repaired++;
  }
  return repaired;
}
