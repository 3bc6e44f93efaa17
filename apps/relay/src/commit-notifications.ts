import { Client } from 'pg';

/**
 * Wakes the relay when a transaction that appended events commits (NOTIFY is delivered on
 * commit), so it neither polls nor sleeps through new events. A notification that arrives while
 * the relay is busy is remembered, so the next wait returns at once.
 */
export class CommitNotifications {
  private client: Client | null = null;
  private pending = false;
  private interrupted = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
  ) {}

  async start(onError: (error: Error) => void): Promise<void> {
    this.interrupted = false;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'relay-notifications' });
    await client.connect();
    client.on('notification', () => this.notify());
    client.on('error', onError);
    await client.query(`LISTEN "${this.channel}"`);
    this.client = client;
  }

  /** Forgets earlier notifications: call it just before reading, so none can be lost. */
  clear(): void {
    this.pending = false;
  }

  /**
   * Resolves on the next notification (true; also when interrupted), or after `timeoutMs` as a
   * safety net (false).
   */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.pending || this.interrupted) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(woken);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.wake = () => done(true);
    });
  }

  /** Ends the wait in progress, and every later one, at once: the relay stops or lost its lead. */
  interrupt(): void {
    this.interrupted = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.interrupt();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private notify(): void {
    this.pending = true;
    this.wake?.();
  }
}
