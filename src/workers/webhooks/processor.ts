import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Knex } from 'knex';
import { isNonPublicAddress } from '../../platform/url-guard.js';
import type { Logger } from '../../platform/logger.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { PlatformKey } from '../../platform/signing-key.js';
import { attemptRecorder } from '../../projections/webhooks/deliveries/attempts.js';
import { pendingWithTargetReader } from '../../projections/webhooks/deliveries/queries.js';
import type { DeliveryJob } from '../../projections/webhooks/deliveries/queue.js';
import { delayBefore } from '../../platform/retry-schedule.js';
import { postJson } from './send.js';
import { deliveryHeaders } from './signing.js';

export interface ProcessorDeps {
  readonly knex: Knex;
  readonly key: PlatformKey;
  readonly secrets: SecretBox;
  readonly logger: Logger;
  readonly schedule: readonly number[];
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
  /** A 410 Gone: the receiver wants no more; the subscription is deactivated. */
  readonly onGone: (programId: string, subscriptionId: string) => Promise<void>;
}

/** A retryable failure, carrying how long the receiver asked us to wait. */
export class DeliveryAttemptFailed extends Error {
  override readonly name = 'DeliveryAttemptFailed';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** The SSRF guard at connect time: the addresses a name resolves to now, not when it was registered. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = Array.isArray(addresses) ? addresses : [];
      const refused = list.find((a) => !allowPrivate && isNonPublicAddress(a.address));
      if (refused || list.length === 0)
        return callback(new Error(`refused: ${hostname} resolves to a non-public address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** One attempt of one delivery; throws to let BullMQ retry on the schedule. */
export function deliveryProcessor(deps: ProcessorDeps) {
  const lookup = guardedLookup(deps.allowPrivate);
  const pendingWithTarget = pendingWithTargetReader(deps.knex);
  const recordAttempt = attemptRecorder(deps.knex);
  return async (job: Job<DeliveryJob>): Promise<string> => {
    const found = await pendingWithTarget(job.data.deliveryId);
    if (!found) return 'nothing to do';
    const { delivery, target: subscription } = found;
    const attemptNumber = job.data.attemptBase + job.attemptsMade;
    const startedAt = new Date();
    if (!subscription?.active) {
      await recordAttempt(
        {
          deliveryId: delivery.id,
          attemptNumber,
          startedAt,
          statusCode: null,
          latencyMs: 0,
          error: 'the subscription is inactive or deleted',
          responseExcerpt: null,
        },
        { status: 'failed' },
      );
      throw new UnrecoverableError('subscription inactive');
    }
    const headers = await deliveryHeaders(
      {
        deliveryId: delivery.id,
        sequence: delivery.sequence,
        attemptNumber,
        url: subscription.url,
        body: delivery.body,
        secret: deps.secrets.open(subscription.secretCiphertext),
      },
      deps.key,
      Date.now(),
    );
    const result = await postJson(subscription.url, headers, delivery.body, { timeoutMs: deps.timeoutMs, lookup });
    const attempt = {
      deliveryId: delivery.id,
      attemptNumber,
      startedAt,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      responseExcerpt: result.excerpt,
    };
    const code = result.statusCode ?? 0;
    if (code >= 200 && code < 300) {
      await recordAttempt(attempt, { status: 'delivered' });
      return `delivered ${code}`;
    }
    if (code === 410) {
      await recordAttempt(attempt, { status: 'failed' });
      await deps.onGone(delivery.programId, delivery.subscriptionId);
      throw new UnrecoverableError('410 Gone: the subscription is deactivated');
    }
    const tryIndex = job.data.roundOffset + job.attemptsMade + 1;
    const retryAfterMs = code === 429 || code === 503 ? (result.retryAfterSeconds ?? 0) * 1000 : 0;
    const last = tryIndex >= deps.schedule.length || tryIndex >= (job.opts.attempts ?? 1) + job.data.roundOffset;
    const wait = delayBefore(deps.schedule, tryIndex, retryAfterMs);
    await recordAttempt(
      attempt,
      last ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(Date.now() + wait) },
    );
    const reason = result.error ?? `answered ${code}`;
    if (last) throw new UnrecoverableError(`${reason}; no tries left`);
    throw new DeliveryAttemptFailed(reason, retryAfterMs);
  };
}
