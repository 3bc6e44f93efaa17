// Kill -9 the projection process in the middle of its work, start it again: the read model ends
// equal to the fold of the event store, folder by folder, field by field.
import { parseEnvelope, projectFolder, storedRowsOf, type FolderEnvelope } from '@forensics/read-model';
import { toEnvelope } from '@forensics/event-store';
import { startService, waitFor, type ServiceProcess } from '@forensics/testing';
import { projectionHarness } from '../test/projection-harness';

const FOLDERS = 300;

describe('projection crash (kill -9) and restart', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    h = await projectionHarness();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await h?.close();
  });

  it('ends with the read model equal to the fold of the event store', async () => {
    const oneFolder = async (n: number) => {
      const { folderId, quality, biometry } = await h.kycFolder();
      await h.finish(folderId, quality, n % 3 === 0 ? 'DECLINED' : 'SUCCESS');
      if (n % 5 === 0) await h.fail(folderId, biometry);
      else await h.finish(folderId, biometry, n % 2 === 0 ? 'OPERATOR_REQUIRED' : 'SUCCESS');
      return folderId;
    };
    const folderIds: string[] = [];
    for (let n = 0; n < FOLDERS; n += 25) {
      folderIds.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => oneFolder(n + i)))));
    }
    const histories = new Map(await Promise.all(folderIds.map(async (id) => [id, await h.store.readStream(id)] as const)));
    const total = [...histories.values()].reduce((sum, events) => sum + events.length, 0);
    await h.publish([...histories.values()].flat());

    const env = {
      DATABASE_URL: h.config.databaseUrl,
      EVENT_STORE_SCHEMA: h.config.eventStoreSchema,
      READ_MODEL_SCHEMA: h.config.readModelSchema,
      FOLDER_EVENTS_TOPIC: h.config.topic,
      DEAD_LETTER_TOPIC: h.config.deadLetterTopic,
      PROJECTION_GROUP_ID: h.config.groupId,
      PROJECTION_METRICS_PORT: '0',
      PROJECTION_CONCURRENCY: '2',
    };
    const applied = async () => Number((await h.reads.query('SELECT coalesce(sum(last_version), 0) AS n FROM folders'))[0].n);
    const first = startService('apps/projection/src/main.ts', env);
    processes.push(first);
    // Killed while it still has work: some events applied, not all.
    const atKill = await waitFor(applied, (n) => n > 0 && n < total, { timeoutMs: 30_000, intervalMs: 2, what: `the projection to be mid-way (log: ${first.output()})` });
    await first.kill9();
    expect(atKill).toBeLessThan(total);

    const second = startService('apps/projection/src/main.ts', env);
    processes.push(second);
    await waitFor(applied, (n) => n === total, { timeoutMs: 60_000, what: `every event applied after the restart (log: ${second.output()})` });

    const stored = await h.rows.readRows(folderIds);
    for (const [folderId, events] of histories) {
      const envelopes = events.map((e) => {
        const parsed = parseEnvelope(JSON.stringify(toEnvelope(e)));
        if (!parsed.ok) throw new Error(parsed.reason);
        return parsed.envelope as FolderEnvelope;
      });
      expect(stored.get(folderId)).toEqual(storedRowsOf(projectFolder(null, envelopes)));
    }
  }, 120_000);
});
