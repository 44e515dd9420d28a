import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../support/app.js';

/** One answer the load was given. */
export interface Answered {
  readonly key: string;
  /** The HTTP status, or 0 when no answer came (connection error, client timeout). */
  readonly status: number;
  readonly errorName: unknown;
  readonly retryAfter: string | null;
  readonly sentAt: number;
  readonly at: number;
}

/** What makes each key's donation findable in the read model: one email per key (a probe's are apart). */
export const emailOf = (key: string): string =>
  key.startsWith('probe') ? `${key}@probe.example.org` : `${key}@outage.example.org`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writers creating donations, each with its own Idempotency-Key, as a client
 * would: a failed request is sent again with the same key until it is answered 201.
 */
export class WriteLoad {
  readonly answers: Answered[] = [];
  /** Idempotency-Key → the donation id its 201 named. */
  readonly acknowledged = new Map<string, string>();
  private stopping = false;
  private writers: Promise<void>[] = [];
  /** Keys of one load are its own: another load on the same app must not meet them (stored answers, held locks). */
  private readonly run = randomBytes(4).toString('hex');

  constructor(
    private readonly app: TestApp,
    private readonly headers: Record<string, string>,
    private readonly campaignId: string,
  ) {}

  start(writers: number): void {
    this.writers = Array.from({ length: writers }, (_, i) => this.write(i));
  }

  /**
   * One more client sending a new key every `everyMs` and never retrying one:
   * when the app can write again, whatever the writers' keys are waiting on.
   */
  probe(everyMs: number): void {
    const probing = async (): Promise<void> => {
      for (let n = 0; !this.stopping; n++) {
        await this.send(`probe-${this.run}-k${n}`);
        await sleep(everyMs);
      }
    };
    this.writers.push(probing());
  }

  /** Stops taking new keys; resolves once every key begun has been acknowledged (or `deadlineMs` ran out). */
  async stop(deadlineMs = 20_000): Promise<void> {
    this.stopping = true;
    await Promise.race([Promise.all(this.writers), sleep(deadlineMs)]);
  }

  /** The writers' keys not acknowledged yet (a probe's keys are never retried). */
  pending(): string[] {
    return [...new Set(this.answers.map((a) => a.key))].filter(
      (key) => !key.startsWith('probe') && !this.acknowledged.has(key),
    );
  }

  private async write(writer: number): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      const key = `w${writer}-${this.run}-k${n}`;
      for (let attempt = 0; ; attempt++) {
        if ((await this.send(key)) === 201) break;
        await sleep(Math.min(250, 50 * 2 ** attempt));
      }
    }
  }

  private async send(key: string): Promise<number> {
    const sentAt = Date.now();
    const body = {
      campaign_id: this.campaignId,
      currency: 'EUR',
      first_name: 'Out',
      last_name: 'Age',
      email: emailOf(key),
      amount: '3.00',
      method: 'cash',
    };
    let answer: Answered;
    try {
      const response = await this.app.request('POST', '/v1/donations', {
        headers: { ...this.headers, 'Idempotency-Key': key },
        body,
      });
      answer = {
        key,
        status: response.status,
        errorName: response.body.error_name,
        retryAfter: response.headers.get('retry-after'),
        sentAt,
        at: Date.now(),
      };
      if (response.status === 201) this.acknowledged.set(key, String((response.body.data as { id: unknown }).id));
    } catch {
      answer = { key, status: 0, errorName: undefined, retryAfter: null, sentAt, at: Date.now() };
    }
    this.answers.push(answer);
    return answer.status;
  }
}
