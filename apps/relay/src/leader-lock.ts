import { Client } from 'pg';

/**
 * Exactly one relay publishes at a time: the leader holds a session-level advisory lock on a
 * connection of its own. A standby blocks in `pg_advisory_lock` and takes over the moment the
 * leader's session ends, which is also what happens when the leader process dies.
 */
export class LeaderLock {
  private client: Client | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly lockKey: string,
  ) {}

  /** Waits until this instance leads; `onLost` runs if the lock's connection fails afterwards. */
  async acquire(onLost: (error: Error) => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'relay-leader-lock' });
    await client.connect();
    this.client = client;
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [this.lockKey]);
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('the leader lock connection ended')));
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}
