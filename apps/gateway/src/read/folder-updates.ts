import { folderUpdatedChannel } from '@forensics/read-model';
import { ListeningConnection } from '../database/listening-connection';

type Listener = (version: number) => void;

/**
 * One LISTEN connection on the projection's `folder_updated` channel, shared by every waiting
 * request: a single request waits on it for its folder instead of polling the read model. After a
 * reconnect every waiter is woken, so a notification lost meanwhile costs one re-read, not a hang.
 */
export class FolderUpdates {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly connection: ListeningConnection;

  constructor(databaseUrl: string, readModelSchema: string) {
    this.connection = new ListeningConnection(databaseUrl, 'gateway-listener', folderUpdatedChannel(readModelSchema), {
      notification: (payload) => this.deliver(payload),
      // Whatever was announced while disconnected: every waiter reads its folder again.
      connected: (reconnected) => {
        if (reconnected) this.listeners.forEach((own) => own.forEach((listener) => listener(0)));
      },
    });
  }

  start(): Promise<void> {
    return this.connection.start();
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

  close(): Promise<void> {
    return this.connection.close();
  }

  private deliver(payload: string | undefined): void {
    try {
      const { folder_id, version } = JSON.parse(payload ?? '') as { folder_id: string; version: number };
      for (const listener of this.listeners.get(folder_id) ?? []) listener(version);
    } catch {
      // Not ours: the channel carries only the projection's JSON.
    }
  }
}
