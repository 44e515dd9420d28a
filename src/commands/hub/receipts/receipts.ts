import type { ReceiptEvent } from '../../../domain/hub/receipts/events.js';
import { receiptEvents } from '../../../domain/hub/receipts/events.js';
import { receiptDecider, type Review } from '../../../domain/hub/receipts/receipt.js';
import type { Ocr, ReceiptFacts, Reading } from '../../../domain/hub/receipts/rules.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { transactionDecider } from '../../../domain/hub/transactions/transaction.js';
import { appendAtomically } from '../../../platform/eventstore/index.js';
import { WrongExpectedRevisionError } from '../../../platform/eventstore/types.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import type { ReceiptReader } from '../ports/receipt-reader.js';
import { receiptStream, scanTransactionIdOf, transactionStream } from '../streams.js';

export const receipts = aggregate({ decider: receiptDecider, events: receiptEvents, stream: receiptStream });
const transactions = aggregate({ decider: transactionDecider, events: transactionEvents, stream: transactionStream });

type Uploaded = Extract<ReceiptEvent, { type: 'ReceiptUploaded' }>['data'];
type Validated = Extract<ReceiptEvent, { type: 'ReceiptValidated' }>['data'];

export interface ReceiptDeps extends CommandDeps {
  readonly reader: ReceiptReader;
  /** What the read models know around what the paper says (flow 4.3), and the customer's external id. */
  readonly facts: (
    customer: { hubId: string; customerId: string },
    ocr: Ocr | null,
  ) => Promise<{ readonly customerExternalId: string | null; readonly facts: ReceiptFacts }>;
}

/** The command that makes a validated receipt's scan transaction (flow 4.4): matched at its store, as any purchase. */
function scanTransaction(uploaded: Uploaded, validated: Validated, now: string) {
  const { transactionId, purchaseLocation, amount, currency, purchaseDate, timeOfPurchase } = validated;
  return {
    type: 'ImportTransaction' as const,
    data: {
      transactionId,
      hubId: uploaded.hubId,
      programId: uploaded.programId,
      customerId: uploaded.customerId,
      connectionId: uploaded.receiptId,
      providerTransactionId: uploaded.receiptId,
      label: `RECEIPT ${purchaseLocation.externalId}`,
      amount,
      currency,
      purchaseDate,
      dateBankingStatement: purchaseDate,
      dataProviderType: 'scan' as const,
      eligibleFrom: purchaseDate,
      receiptId: uploaded.receiptId,
      timeOfPurchase,
      outcome: { matched: true as const, purchaseLocation, pattern: '' },
      now,
    },
  };
}

/** The scan transaction a validated receipt makes, pushed and rewarded as any purchase. */
export function makeScanTransaction(
  deps: CommandDeps,
  uploaded: Uploaded,
  validated: Validated,
  context: CommandContext,
) {
  const command = scanTransaction(uploaded, validated, deps.clock.now().toISOString());
  // Its id is derived from the receipt's, and only a validation makes it: it is almost always new.
  return transactions.handle(validated.transactionId, command, { store: deps.store, context, newStream: true });
}

type ReceiptResult = CommandResult<Awaited<ReturnType<typeof receipts.handle>>['state']>;

/** After a decision: a validation makes its transaction (the same id on every retry, so once). */
async function afterDecision(deps: CommandDeps, result: ReceiptResult, context: CommandContext) {
  const validated = result.events.find((e) => e.type === 'ReceiptValidated');
  if (!validated || result.state.status === 'none') return result;
  const made = await makeScanTransaction(deps, result.state.uploaded, validated.data as Validated, context);
  return { ...result, position: made.position ?? result.position };
}

/** What an upload is decided on, known before its image is stored: the reader's reading and the read models' facts. */
export interface ReceiptSeen {
  readonly reading: Reading;
  readonly facts: ReceiptFacts;
  readonly customerExternalId: string | null;
}

const NO_FACTS: ReceiptFacts = {
  store: null,
  knownElsewhere: false,
  eligibleFrom: new Date(0).toISOString(),
  duplicate: false,
};

/** Flow 4.1–4.3's inputs: what the reader reads (the multipart part `ocr`, else the file's name), then the facts. */
export async function readReceipt(
  deps: ReceiptDeps,
  who: { hubId: string; customerId: string; filename: string | null; ocr: string | null },
): Promise<ReceiptSeen> {
  const reading: Reading = await deps.reader.read({ filename: who.filename, ocr: who.ocr });
  const known = await deps.facts(who, reading.kind === 'read' ? reading.ocr : null);
  return {
    reading,
    customerExternalId: known.customerExternalId,
    facts: reading.kind === 'read' ? known.facts : NO_FACTS,
  };
}

/**
 * postReceipt / postFirstReceipt (flow 4.1–4.3): ReceiptUploaded with the automatic decision and, when validated, its
 * scan transaction, in one all-or-nothing write: no crash leaves a validated receipt without its transaction. The
 * receipt's id was made for this upload, so both streams are new; were one there after all (the write fails), the
 * upload is decided again on what the streams hold.
 */
export async function submitReceipt(
  deps: CommandDeps,
  uploaded: Omit<Uploaded, 'uploadedAt' | 'customerExternalId'>,
  seen: ReceiptSeen,
  context: CommandContext,
) {
  const { reading, facts, customerExternalId } = seen;
  const transactionId = scanTransactionIdOf(uploaded.receiptId);
  const now = deps.clock.now().toISOString();
  const command = {
    type: 'SubmitReceipt' as const,
    data: { ...uploaded, customerExternalId, reading, facts, transactionId, now },
  };
  const receipt = receipts.decideNew(uploaded.receiptId, command, context);
  const validated = receipt.events.find((e) => e.type === 'ReceiptValidated')?.data as Validated | undefined;
  const made =
    validated && receipt.state.status !== 'none'
      ? transactions.decideNew(transactionId, scanTransaction(receipt.state.uploaded, validated, now), context)
      : undefined;
  try {
    const landed = await appendAtomically(deps.store, [receipt.write, ...(made ? [made.write] : [])]);
    return { state: receipt.state, receiptPosition: landed?.position };
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    const decided = await receipts.handle(uploaded.receiptId, command, { store: deps.store, context });
    const result = await afterDecision(deps, decided, context);
    return { state: result.state, receiptPosition: decided.position };
  }
}

/** The program's PATCH (flow 4.4): validated (with the purchase), rejected, reopened or put under review. */
export async function reviewReceipt(
  deps: CommandDeps,
  receiptId: string,
  review: Review,
  context: CommandContext,
  expectedRevision?: bigint,
) {
  const command = {
    type: 'ReviewReceipt' as const,
    data: { ...review, transactionId: scanTransactionIdOf(receiptId), now: deps.clock.now().toISOString() },
  };
  const result = await receipts.handle(receiptId, command, { store: deps.store, context, expectedRevision });
  return afterDecision(deps, result, context);
}

/** The customer's updateReceipt: the store it was bought at, while pending. */
export function declareStore(
  deps: CommandDeps,
  receiptId: string,
  store: { storeId: string; storeName: string },
  context: CommandContext,
) {
  const command = { type: 'DeclareStore' as const, data: { ...store, now: deps.clock.now().toISOString() } };
  return receipts.handle(receiptId, command, { store: deps.store, context });
}
