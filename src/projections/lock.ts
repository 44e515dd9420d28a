import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from '../platform/db.js';

const NAMESPACE = 0x47535052; // "GSPR": keeps these keys apart from other advisory locks

/**
 * A session-level advisory lock on its own connection: held while the connection
 * lives, released by PostgreSQL if the process dies, so exactly one runner per
 * projection is active across processes.
 */
export class ProjectionLock implements HeldLock {
  private client: pg.Client | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly name: string,
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: `goodstream projection ${this.name}`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // The lock goes with a dropped connection: forget it so the next tryAcquire asks again.
    const drop = (): void => {
      if (this.client === client) this.client = undefined;
    };
    client.on('error', drop);
    client.on('end', drop);
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
      NAMESPACE,
      this.name,
    ]);
    if (rows[0]?.ok) {
      this.client = client;
      return true;
    }
    await client.end();
    return false;
  }

  /** Who holds it, for an operator's message. */
  static async holder(connectionString: string, name: string): Promise<string | undefined> {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('error', () => undefined); // the query fails too, and tells the caller
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number; application_name: string; client_addr: string | null }>(
        `select a.pid, a.application_name, a.client_addr::text from pg_locks l join pg_stat_activity a on a.pid = l.pid
         where l.locktype = 'advisory' and l.classid = $1::oid and l.objid = (hashtext($2)::bigint & 4294967295)::oid and l.granted
           and l.database = (select oid from pg_database where datname = current_database())`,
        [NAMESPACE, name],
      );
      const row = rows[0];
      return row
        ? `pid ${row.pid} (${row.application_name || 'unnamed'}${row.client_addr ? ` from ${row.client_addr}` : ''})`
        : undefined;
    } finally {
      await client.end();
    }
  }

  isHeld(): boolean {
    return this.client !== undefined;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** What a projection worker needs of its lock. */
export interface HeldLock {
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
  /** Whether the lock is held now, as far as its connection tells: false once the connection has dropped. */
  isHeld(): boolean;
}

/**
 * One connection holding the locks of many projections: advisory locks belong to
 * the session, so a runner needs one connection, not one per projection (a
 * dozen read models times a few app instances would exhaust max_connections).
 * The connection closes when its last lock is released.
 */
export class LockSession {
  private client: Promise<pg.Client> | undefined;
  private readonly held = new Set<string>();
  /** One query at a time on the shared connection: pg no longer queues them for us. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connectionString: string) {}

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  lockFor(name: string): HeldLock {
    return {
      tryAcquire: () => this.tryAcquire(name),
      release: () => this.release(name),
      isHeld: () => this.held.has(name),
    };
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        // The process id tells an operator (and the failover test) which instance holds the locks.
        application_name: `goodstream projections (process ${process.pid})`,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
      // The locks go with a dropped connection: forget them so the next tryAcquire asks again.
      client.on('error', () => this.forget(client));
      client.on('end', () => this.forget(client));
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private forget(client: pg.Client): void {
    // A connection that never opened ends too: its promise rejects, and connect's caller is told.
    this.client?.then(
      (current) => {
        if (current !== client) return;
        this.client = undefined;
        this.held.clear();
      },
      () => undefined,
    );
  }

  private tryAcquire(name: string): Promise<boolean> {
    return this.serially(() => this.acquire(name));
  }

  private release(name: string): Promise<void> {
    return this.serially(() => this.unlock(name));
  }

  private async acquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
      NAMESPACE,
      name,
    ]);
    if (rows[0]?.ok) this.held.add(name);
    return this.held.has(name);
  }

  private async unlock(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    const client = await this.client?.catch(() => undefined);
    if (!client) return;
    if (this.held.size === 0) {
      this.client = undefined;
      await client.end().catch(() => undefined);
      return;
    }
    await client.query('select pg_advisory_unlock($1, hashtext($2))', [NAMESPACE, name]).catch(() => undefined);
  }
}
