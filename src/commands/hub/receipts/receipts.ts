import type { ReceiptEvent } from '../../../domain/hub/receipts/events.js';
import { receiptEvents } from '../../../domain/hub/receipts/events.js';
import { receiptDecider, type Review } from '../../../domain/hub/receipts/receipt.js';
import type { Ocr, ReceiptFacts, Reading } from '../../../domain/hub/receipts/rules.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { transactionDecider } from '../../../domain/hub/transactions/transaction.js';
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

/** The scan transaction a validated receipt makes (flow 4.4): matched at its store, pushed and rewarded as any. */
export function makeScanTransaction(
  deps: CommandDeps,
  uploaded: Uploaded,
  validated: Validated,
  context: CommandContext,
) {
  const { transactionId, purchaseLocation, amount, currency, purchaseDate, timeOfPurchase } = validated;
  const now = deps.clock.now().toISOString();
  const command = {
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
  // Its id is derived from the receipt's, and only a validation makes it: it is almost always new.
  return transactions.handle(transactionId, command, { store: deps.store, context, newStream: true });
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
 * postReceipt / postFirstReceipt (flow 4.1–4.3): ReceiptUploaded with the automatic decision in one append, then a
 * validated receipt's transaction.
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
  const decided = await receipts.handle(
    uploaded.receiptId,
    { type: 'SubmitReceipt', data: { ...uploaded, customerExternalId, reading, facts, transactionId, now } },
    { store: deps.store, context, newStream: true },
  );
  // The receipt's own position too: its read model shows the decision from there, before the transaction is made.
  return { ...(await afterDecision(deps, decided, context)), receiptPosition: decided.position };
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
