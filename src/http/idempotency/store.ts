import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export const TABLE = 'gs_idempotency_keys';
/** The contract keeps keys at least 24 hours. */
export const RETENTION_MS = 24 * 3600_000;

export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export type Claim =
  | { readonly kind: 'acquired'; readonly token: string }
  | { readonly kind: 'in_progress'; readonly fingerprint: string }
  | { readonly kind: 'completed'; readonly fingerprint: string; readonly answer: StoredAnswer };

interface Row {
  scope: string;
  key: string;
  fingerprint: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Buffer | null;
}

/** The keys' rows in PostgreSQL; every method is one statement. */
export class IdempotencyStore {
  constructor(
    private readonly knex: Knex,
    private readonly retentionMs = RETENTION_MS,
  ) {}

  /**
   * Takes the key for this request, atomically: a new key, a key older than the
   * retention, or one whose holder let its lock lapse is ours; otherwise the
   * current holder's row is returned.
   */
  async claim(scope: string, key: string, fingerprint: string, lockMs: number): Promise<Claim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomUUID();
      const { rows } = await this.knex.raw<{ rows: { lock_token: string }[] }>(
        `insert into ${TABLE} as k (scope, key, fingerprint, status, lock_token, created_at, locked_until)
         values (?, ?, ?, 'in_progress', ?, now(), now() + ? * interval '1 millisecond')
         on conflict (scope, key) do update set
           fingerprint = excluded.fingerprint, status = 'in_progress', lock_token = excluded.lock_token,
           created_at = excluded.created_at, locked_until = excluded.locked_until,
           response_status = null, response_headers = null, response_body = null
         where k.created_at < now() - ? * interval '1 millisecond'
            or (k.status = 'in_progress' and k.locked_until < now())
         returning lock_token`,
        [scope, key, fingerprint, token, lockMs, this.retentionMs],
      );
      if (rows[0]?.lock_token === token) return { kind: 'acquired', token };
      const row = await this.knex<Row>(TABLE).where({ scope, key }).first();
      if (!row) continue; // released meanwhile: try again
      if (row.status === 'in_progress') return { kind: 'in_progress', fingerprint: row.fingerprint };
      return {
        kind: 'completed',
        fingerprint: row.fingerprint,
        answer: {
          status: row.response_status ?? 200,
          headers: row.response_headers ?? {},
          body: row.response_body ?? Buffer.alloc(0),
        },
      };
    }
    return { kind: 'in_progress', fingerprint };
  }

  /** Stores the answer of the request that holds the key. */
  async complete(scope: string, key: string, token: string, answer: StoredAnswer): Promise<void> {
    await this.knex(TABLE)
      .where({ scope, key, lock_token: token })
      .update({
        status: 'completed',
        response_status: answer.status,
        response_headers: JSON.stringify(answer.headers),
        response_body: answer.body,
        locked_until: null,
      });
  }

  /** Keeps the key locked while its request runs; false when it is no longer ours. */
  async extend(scope: string, key: string, token: string, lockMs: number): Promise<boolean> {
    const updated = await this.knex(TABLE)
      .where({ scope, key, lock_token: token, status: 'in_progress' })
      .update({ locked_until: this.knex.raw(`now() + ? * interval '1 millisecond'`, [lockMs]) });
    return updated > 0;
  }

  /** Forgets the key, so the client can correct the request and send it again. */
  async release(scope: string, key: string, token: string): Promise<void> {
    await this.knex(TABLE).where({ scope, key, lock_token: token }).delete();
  }

  /** Deletes keys older than the retention; returns how many. */
  async purgeExpired(): Promise<number> {
    return this.knex(TABLE)
      .where('created_at', '<', this.knex.raw(`now() - ? * interval '1 millisecond'`, [this.retentionMs]))
      .delete();
  }
}
