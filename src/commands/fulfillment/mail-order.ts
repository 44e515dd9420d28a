import type { PlacedOrder } from '../../domain/fulfillment/orders/order.js';
import type { CommandContext } from '../shared/command.js';
import { loadOrder, loadReward, orders } from './aggregates.js';
import { renderECard } from './ecard.js';
import { MailRefusedError, type MailAttachment, type Mailer } from './mailer.js';
import type { FulfillmentDeps } from './place-order.js';
import type { RewardCode } from './provider.js';
import { uuidV5 } from './streams.js';

export interface MailDeps extends Pick<FulfillmentDeps, 'store' | 'box' | 'provider'> {
  readonly mailer: Mailer;
  /** Delays before each try (MAIL_RETRY_SCHEDULE): its length is the number of tries. */
  readonly retrySchedule: readonly number[];
  readonly programName: (programId: string) => Promise<string>;
}

/** One try of one send of an email order's mail. */
export interface MailJob {
  readonly orderId: string;
  readonly programId: string;
  readonly send: number;
  readonly attempt: number;
}

export type MailOutcome = 'sent' | 'retry' | 'failed' | 'slow' | 'stale';

const isDue = (order: PlacedOrder, job: MailJob): boolean =>
  order.mail !== null &&
  order.mail.status === 'pending' &&
  order.mail.send === job.send &&
  order.mail.attempts + 1 === job.attempt;

const money = (minor: number): string => (minor / 100).toFixed(2);

/** The codes of the order, asked of the provider first when it has none yet. */
async function codesOf(deps: MailDeps, order: PlacedOrder, now: string, context: CommandContext) {
  if (order.codesSealed !== null) return JSON.parse(deps.box.open(order.codesSealed)) as RewardCode[];
  const { orderId, sku, placedAt } = order.order;
  const answer = await deps.provider.issue({ orderId, sku, placedAt, now });
  const options = { store: deps.store, context };
  if (answer.status === 'slow') return 'slow' as const;
  if (answer.status === 'failed') {
    await orders.handle(orderId, { type: 'FailOrder', data: { reason: answer.reason, now } }, options);
    return 'failed' as const;
  }
  const codesSealed = deps.box.seal(JSON.stringify(answer.codes));
  await orders.handle(orderId, { type: 'IssueCodes', data: { codesSealed, now } }, options);
  return answer.codes;
}

async function attachments(deps: MailDeps, order: PlacedOrder, codes: readonly RewardCode[], at: Date) {
  const reward = (await loadReward(deps.store, order.order.sku)).state;
  if (reward.status !== 'listed' || !reward.fields.media.includes('pdf')) return [];
  const pdf = await renderECard({
    programName: await deps.programName(order.order.programId),
    rewardName: order.order.rewardName,
    value: money(order.order.value),
    currency: order.order.currency,
    codes,
    orderId: order.order.clientOrderId,
    expiration: null,
    terms: reward.fields.termsAndConditions,
    issuedAt: at,
  });
  const card: MailAttachment = {
    filename: `order-${order.order.clientOrderId}.pdf`,
    contentType: 'application/pdf',
    content: pdf,
  };
  return [card];
}

/**
 * One try of an email order's mail: the codes (issued first if need be), the e-card attached when the reward has `pdf`
 * media, through the Mailer port; the outcome is recorded on the order. A try already recorded, or of a superseded
 * send, does nothing; the message's id derives from the try, so a try run twice is one message.
 */
export async function mailOrder(deps: MailDeps, job: MailJob, at: Date): Promise<MailOutcome> {
  const context: CommandContext = { tenantId: job.programId, actor: 'fulfillment-mail' };
  const now = at.toISOString();
  const { state } = await loadOrder(deps.store, job.orderId);
  if (state.status !== 'placed' || !isDue(state, job) || !state.mail?.emailSealed) return 'stale';
  const codes = await codesOf(deps, state, now, context);
  if (codes === 'slow' || codes === 'failed') return codes;
  const { order } = state;
  const lines = codes.map((c) => `${c.name}: ${c.value} (${c.usage})`);
  const record = (failure: string | null, retryAt: string | null) =>
    orders.handle(
      job.orderId,
      { type: 'RecordMailAttempt', data: { send: job.send, attempt: job.attempt, failure, retryAt, now } },
      { store: deps.store, context },
    );
  try {
    await deps.mailer.send(
      {
        id: uuidV5(job.orderId, `mail:${job.send}:${job.attempt}`),
        programId: order.programId,
        to: deps.box.open(state.mail.emailSealed),
        subject: `Your ${order.rewardName}`,
        text: [
          `${order.rewardName}: ${money(order.value)} ${order.currency}`,
          ...lines,
          `Order ${order.clientOrderId}`,
        ].join('\n'),
        attachments: await attachments(deps, state, codes, at),
      },
      at,
    );
  } catch (error) {
    if (!(error instanceof MailRefusedError)) throw error;
    const delay = deps.retrySchedule[job.attempt];
    const retryAt = delay === undefined ? null : new Date(at.getTime() + delay).toISOString();
    await record(error.message, retryAt);
    return retryAt === null ? 'failed' : 'retry';
  }
  await record(null, null);
  return 'sent';
}
