// How a command's answer waits for the read model: after a command that appended to the folder,
// nothing is read until the projection announces it; after one that appended nothing (a repeated
// Idempotency-Key, a change that changes nothing) there may never be an announcement, so the
// folder is read at once instead of after the 10 s safety net.
import type { IngestReply } from '@forensics/contracts';
import type { Actor } from '@forensics/domain';
import { announcements } from '../../test/announcements';
import type { IngestClient } from '../ingest/ingest-client';
import type { FolderReader, VisibleFolder } from '../read/folder-reader';
import { FolderCommands } from './folder-commands';

const actor: Actor = { user_id: 'u1', company_id: 'c1', role: 'CLIENT' };
const context = { actor, correlationId: 'request-1', idempotencyKey: undefined };
const event = (stream_version: number) => ({ event_id: `e${stream_version}`, type: 'MetaDataChanged', stream_version });

/** A read model holding each folder at a version, read through a counting reader. */
function readModel(versions: Record<string, number>) {
  const reads: string[] = [];
  const reader = {
    folder: async (folderId: string) => {
      reads.push(folderId);
      const version = versions[folderId];
      if (version === undefined) throw new Error('not found');
      return { folder_id: folderId, version, folder: { folder_id: folderId }, media: [], analyses: [], groups: [] } as unknown as VisibleFolder;
    },
  } as unknown as FolderReader;
  return { reader, reads, versions };
}

const ingestAnswering = (reply: (payload: { data: { folder_id?: string } }) => IngestReply) => ({ send: async (_pattern: string, payload: never) => reply(payload) }) as unknown as IngestClient;

describe('FolderCommands waiting for its own write', () => {
  it('after a change it appended, reads nothing until the projection announces the folder, then answers with it', async () => {
    const { updates, announce } = announcements();
    const model = readModel({ f1: 3 });
    const commands = new FolderCommands(ingestAnswering(() => ({ folder_id: 'f1', version: 4, duplicate: false, events: [event(4)] })), model.reader, updates);

    const answer = commands.changeMetaData('f1', { kind: 'FOLDER' } as never, { op: 'PATCH', meta_data: { a: 1 } } as never, context);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(model.reads).toEqual([]);
    model.versions['f1'] = 4;
    announce('f1', 4);
    await expect(answer).resolves.toMatchObject({ folder_id: 'f1', version: 4 });
    expect(model.reads).toEqual(['f1']);
  });

  it('after a change that changed nothing, reads the folder at once: no announcement will come', async () => {
    const { updates } = announcements();
    const model = readModel({ f1: 3 });
    const commands = new FolderCommands(ingestAnswering(() => ({ folder_id: 'f1', version: 3, duplicate: false, events: [] })), model.reader, updates);

    await expect(commands.changeMetaData('f1', { kind: 'FOLDER' } as never, { op: 'PATCH', meta_data: {} } as never, context)).resolves.toMatchObject({ version: 3 });
    expect(model.reads).toEqual(['f1']);
  }, 2_000);

  it('after a repeated Idempotency-Key, reads at once the folder the first request made', async () => {
    const { updates } = announcements();
    const model = readModel({ first: 3 });
    const commands = new FolderCommands(ingestAnswering(() => ({ folder_id: 'first', version: 3, duplicate: true, events: [event(1), event(2), event(3)] })), model.reader, updates);

    const { folder } = await commands.createFolder({ media: [], metaData: {}, analyses: null, resolutionEndpoint: null, keys: new Map() }, { ...context, idempotencyKey: 'retry-1' }, 60_000);
    expect(folder.folder_id).toBe('first');
    expect(model.reads).toEqual(['first']);
  }, 2_000);
});
