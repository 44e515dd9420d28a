import { loadDataBox, onceRetried } from '../../commands/fulfillment/data-box.js';
import { mailOrder } from '../../commands/fulfillment/mail-order.js';
import { sandboxMailer } from '../../commands/fulfillment/mailer.js';
import { sandboxProvider } from '../../commands/fulfillment/provider.js';
import { dueMails } from '../../projections/fulfillment/orders/queries.js';
import { findProgram } from '../../projections/tenancy/programs.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

const FULFILLMENT_MAIL = 'fulfillment-mail';

/**
 * Mails email orders' codes. The order's events are the outbox: each tick reads the mails due from the read model (new
 * orders, tries due again, resends), so a crash between an append and a queue loses no mail. One job per (order, send,
 * try), kept a while once done so a tick that reads a lagging read model does not queue it again; run twice, it finds
 * its try recorded and does nothing.
 */
export function fulfillmentMailWorker(ctx: WorkerContext): BackgroundWorker {
  const box = onceRetried(() => loadDataBox(ctx.knex, ctx.config.FULFILLMENT_DATA_KEY));
  const mailer = sandboxMailer(ctx.knex);
  const programName = async (programId: string) => (await findProgram(ctx.knex, programId))?.name ?? '';
  return scheduledWorker(ctx, {
    name: FULFILLMENT_MAIL,
    everyMs: ctx.config.MAIL_POLL_MS,
    keepDoneForS: 600,
    waitMs: 30_000,
    due: async (now) =>
      (await dueMails(ctx.knex, now)).map((mail) => ({
        id: `mail_${mail.id}_${mail.mail_send}_${mail.mail_attempts + 1}`,
        item: { orderId: mail.id, programId: mail.program_id, send: mail.mail_send, attempt: mail.mail_attempts + 1 },
      })),
    async run(job, now) {
      const deps = {
        store: ctx.store,
        box: await box(),
        provider: sandboxProvider,
        mailer,
        retrySchedule: ctx.config.MAIL_RETRY_SCHEDULE,
        programName,
      };
      const outcome = await mailOrder(deps, job, now);
      ctx.logger.info({ orderId: job.orderId, send: job.send, attempt: job.attempt, outcome }, 'fulfillment mail');
      return outcome;
    },
  });
}
