import { Client } from 'pg';
import { folderUpdatedChannel } from '@forensics/read-model';

type Listener = (version: number) => void;

const PING_EVERY_MS = 30_000;
const PING_TIMEOUT_MS = 10_000;

/**
 * One LISTEN connection on the projection's `folder_updated` channel, shared by every waiting
 * request: a single request waits on it for its folder instead of polling the read model. After a
 * reconnect every waiter is woken, so a notification lost meanwhile costs one re-read, not a hang.
 */
export class FolderUpdates {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: Client | null = null;
  private closed = false;
  private pinger: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly readModelSchema: string,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'gateway-listener', keepAlive: true });
    client.on('notification', ({ payload }) => this.deliver(payload));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN "${folderUpdatedChannel(this.readModelSchema)}"`);
    this.client = client;
    this.watch(client);
  }

  /**
   * A listening connection only receives, so a silently dead one would never say so: waiters
   * would run to their timeouts. It is asked a question now and then; no answer in time, and it
   * is replaced (every waiter reads again, as after any reconnect).
   */
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

  /** Calls `listener` with the version each time the folder is updated, until the returned function is called. */
  subscribe(folderId: string, listener: Listener): () => void {
    const own = this.listeners.get(folderId) ?? new Set();
    own.add(listener);
    this.listeners.set(folderId, own);
    return () => {
      own.delete(listener);
      if (own.size === 0) this.listeners.delete(folderId);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    await this.client?.end().catch(() => undefined);
  }

  private deliver(payload: string | undefined): void {
    try {
      const { folder_id, version } = JSON.parse(payload ?? '') as { folder_id: string; version: number };
      for (const listener of this.listeners.get(folder_id) ?? []) listener(version);
    } catch {
      // Not ours: the channel carries only the projection's JSON.
    }
  }

  private reconnect(failed: Client): void {
    if (this.closed || this.client !== failed) return;
    this.client = null;
    const retry = () => {
      if (this.closed) return;
      this.start().then(
        // Whatever was announced while disconnected: every waiter reads its folder again.
        () => this.listeners.forEach((own) => own.forEach((listener) => listener(0))),
        () => setTimeout(retry, 1_000).unref(),
      );
    };
    setTimeout(retry, 200).unref();
  }
}
