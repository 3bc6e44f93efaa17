import { Client } from 'pg';

const HEARTBEAT_MS = 2_000;
/** A check unanswered this long means the session is gone: TCP alone takes many minutes to say so. */
const HEARTBEAT_TIMEOUT_MS = 6_000;

/**
 * Exactly one relay publishes at a time: the leader holds a session-level advisory lock on a
 * connection of its own. A standby blocks in `pg_advisory_lock` and takes over the moment the
 * leader's session ends, which is also what happens when the leader process dies. The leader
 * checks its session every 2 s (with TCP keepalive under it), and a check unanswered for 6 s counts
 * as a lost session: a connection that died silently, which lets the server release the lock,
 * stops it instead of leaving two relays publishing.
 */
export class LeaderLock {
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private released = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly lockKey: string,
  ) {}

  /** Waits until this instance leads; `onLost` runs if the lock's session fails afterwards. */
  async acquire(onLost: (error: Error) => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'relay-leader-lock', keepAlive: true });
    // Attached before the first query: a standby's connection may fail while it waits.
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('the leader lock connection ended')));
    this.client = client;
    await client.connect();
    if (this.released) throw new Error('stopped before leading');
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [this.lockKey]);
    let checkSince: number | null = null;
    this.heartbeat = setInterval(() => {
      if (checkSince !== null) {
        if (Date.now() - checkSince >= HEARTBEAT_TIMEOUT_MS) onLost(new Error(`the leader lock connection did not answer within ${HEARTBEAT_TIMEOUT_MS} ms`));
        return;
      }
      checkSince = Date.now();
      client.query('SELECT 1').then(
        () => (checkSince = null),
        (error: Error) => onLost(error),
      );
    }, HEARTBEAT_MS);
  }

  async release(): Promise<void> {
    this.released = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}
