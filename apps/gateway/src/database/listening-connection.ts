import { Client } from 'pg';

const PING_EVERY_MS = 30_000;
const PING_TIMEOUT_MS = 10_000;

export type ListeningHandlers = Readonly<{
  notification: (payload: string | undefined) => void;
  /** LISTEN is in place: at start, and again after each reconnect (`reconnected` true). */
  connected?: (reconnected: boolean) => void;
  /** The connection was lost: notifications sent from now until `connected` are never seen. */
  disconnected?: () => void;
}>;

/**
 * One PostgreSQL connection that LISTENs on a channel, and comes back when it is lost. A
 * listening connection only receives, so a silently dead one would never say so: it is asked a
 * question now and then, and replaced when no answer comes in time. Whoever relies on its
 * notifications hears when they may have missed some (`disconnected`, then `connected`).
 */
export class ListeningConnection {
  private client: Client | null = null;
  private closed = false;
  private pinger: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly applicationName: string,
    private readonly channel: string,
    private readonly handlers: ListeningHandlers,
  ) {}

  /** Connects and LISTENs; a connection that fails on the way is closed, never left open. */
  async start(reconnected = false): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName, keepAlive: true });
    client.on('notification', ({ payload }) => this.handlers.notification(payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    // Closed while connecting: this connection is not wanted any more.
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.watch(client);
    try {
      this.handlers.connected?.(reconnected);
    } catch {
      // A listener's failure is its own; the connection stands.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    await this.client?.end().catch(() => undefined);
  }

  private watch(client: Client): void {
    clearInterval(this.pinger);
    this.pinger = setInterval(() => {
      const timer = setTimeout(() => void client.end().catch(() => undefined), PING_TIMEOUT_MS);
      client.query('SELECT 1').then(
        () => clearTimeout(timer),
        () => {
          clearTimeout(timer);
          void client.end().catch(() => undefined);
        },
      );
    }, PING_EVERY_MS);
    this.pinger.unref();
  }

  private reconnect(failed: Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = null;
    this.handlers.disconnected?.();
    const retry = () => {
      if (this.closed) return;
      this.start(true).catch(() => setTimeout(retry, 1_000).unref());
    };
    setTimeout(retry, 200).unref();
  }
}
