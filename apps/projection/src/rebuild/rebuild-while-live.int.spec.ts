// A rebuild while the system runs: events appended during the replay and during the switch reach
// the new tables, readers of the live schema never miss a table, and the live projection goes on
// folding into the new tables, a batch held up by the switch included.
import { Client } from 'pg';
import { testInfra, waitFor } from '@forensics/testing';
import { createProjection, type RunningProjection } from '../create-projection';
import { folderUpdatedChannel } from '@forensics/read-model';
import { projectionHarness } from '../../test/projection-harness';
import { appendRealisticFolders, dropSchemas, foldedFromStore, liveFoldersTable, liveVersion, publishAndWaitApplied } from '../../test/rebuild-fixtures';
import type { RebuildProgress } from './rebuild-progress';
import { rebuildReadModel, type RebuildOptions } from './rebuild-read-model';

jest.setTimeout(60_000);

describe('rebuilding while the system runs', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;
  let projection: RunningProjection;
  let folders: Awaited<ReturnType<typeof appendRealisticFolders>>;
  const retiredSchemas: (string | null)[] = [];

  const rebuild = async (options: RebuildOptions) => {
    const result = await rebuildReadModel(h.config, options);
    retiredSchemas.push(result.retiredSchema);
    return result;
  };
  /** Runs `action` once, at the first report of `phase` (the first `switch` report comes with the lock held). */
  const once = (phase: RebuildProgress['phase'], action: () => Promise<void>) => {
    let done = false;
    return async (p: RebuildProgress) => {
      if (p.phase !== phase || done) return;
      done = true;
      await action();
    };
  };
  const inRetired = async (schema: string | null, ids: readonly string[]) =>
    (await h.reads.query(`SELECT folder_id FROM "${schema}".folders WHERE folder_id = ANY($1)`, [ids])) as { folder_id: string }[];

  beforeAll(async () => {
    h = await projectionHarness();
    projection = await createProjection(h.config, () => undefined);
    folders = await appendRealisticFolders(h);
    await publishAndWaitApplied(h, folders.ids);
  }, 60_000);

  afterAll(async () => {
    await projection?.close();
    await dropSchemas(h.reads, retiredSchemas);
    await h?.close();
  });

  it('given events appended while it replays and while it switches, then the new live tables hold them as one fold of each whole history, and announce them', async () => {
    const listener = new Client({ connectionString: testInfra.databaseUrl });
    await listener.connect();
    const announced: string[] = [];
    listener.on('notification', (n) => announced.push(JSON.parse(n.payload ?? '{}').folder_id));
    await listener.query(`LISTEN "${folderUpdatedChannel(h.config.readModelSchema)}"`);
    try {
      let duringReplay = '';
      let duringSwitch = '';
      const appendDuringReplay = once('replay', async () => {
        duringReplay = (await h.kycFolder()).folderId;
      });
      const appendDuringSwitch = once('switch', async () => {
        const late = await h.kycFolder();
        await h.finish(late.folderId, late.quality, 'SUCCESS');
        duringSwitch = late.folderId;
        await h.finish(folders.processing.folderId, folders.processing.quality, 'DECLINED');
      });
      // Pages of 3 events: the replay reports after its first page, long before it is done.
      const result = await rebuild({ pageSize: 3, onProgress: async (p) => (await appendDuringReplay(p), await appendDuringSwitch(p)) });

      const arrived = [duringReplay, duringSwitch, folders.processing.folderId];
      for (const id of arrived) expect((await h.rows.readRows([id])).get(id)).toEqual(await foldedFromStore(h, id));
      // Nothing was published: the rebuild alone folded them.
      expect(await inRetired(result.retiredSchema, [duringReplay, duringSwitch])).toEqual([]);
      expect(result.comparison?.counts.folders).toEqual({ 'same-version': 0, 'a-ahead': 0, 'b-ahead': 3 });
      expect(result.announced).toBe(3);
      await waitFor(() => announced, (ids) => arrived.every((id) => ids.includes(id)), { what: 'the three folders announced' });
    } finally {
      await listener.end();
    }
  });

  it('given readers counting folders of the live schema in a loop, when it switches, then no query fails and they move from the old tables to the new', async () => {
    const errors: string[] = [];
    const tablesSeen = new Set<number>();
    let queries = 0;
    let reading = true;
    const readLoop = async () => {
      while (reading) {
        try {
          const [row] = await h.reads.query(`SELECT count(*)::integer AS n, 'folders'::regclass::oid::integer AS oid FROM folders`);
          tablesSeen.add(row.oid);
          queries += 1;
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    };
    const before = await liveFoldersTable(h.reads);
    const readers = Array.from({ length: 4 }, readLoop);
    try {
      // The switch holds its lock while the readers go on reading: they do not wait for it.
      const readWhileLocked = once('switch', async () => {
        const at = queries;
        await waitFor(() => queries, (n) => n >= at + 50, { what: 'reads while the switch holds its lock' });
      });
      await rebuild({ onProgress: readWhileLocked });
      const after = await liveFoldersTable(h.reads);
      await waitFor(() => tablesSeen, (seen) => seen.has(after), { what: 'a read of the new tables' });
      expect(errors).toEqual([]);
      expect([...tablesSeen].sort()).toEqual([before, after].sort());
    } finally {
      reading = false;
      await Promise.all(readers);
    }
  });

  it('given a live batch held up by the switch, and events after it, then the live projection folds them all into the new tables', async () => {
    const pending = await h.kycFolder();
    await publishAndWaitApplied(h, [pending.folderId]);
    const [waitingBefore] = await h.reads.query(`SELECT count(*)::integer AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
    const publishWhileLocked = once('switch', async () => {
      await h.finish(pending.folderId, pending.quality, 'SUCCESS');
      await h.publish(await h.store.readStream(pending.folderId));
      // The live projection loaded the folder from the old tables and now waits for the lock.
      await waitFor(async () => (await h.reads.query(`SELECT count(*)::integer AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`))[0].n, (n) => n > waitingBefore.n, {
        what: 'a live batch waiting for the switch lock',
      });
    });
    const result = await rebuild({ onProgress: publishWhileLocked });

    await h.finish(pending.folderId, pending.biometry, 'SUCCESS');
    const after = await h.kycFolder();
    await h.finish(after.folderId, after.quality, 'SUCCESS');
    await publishAndWaitApplied(h, [pending.folderId, after.folderId]);
    for (const id of [pending.folderId, after.folderId]) expect((await h.rows.readRows([id])).get(id)).toEqual(await foldedFromStore(h, id));
    expect(await liveVersion(h, pending.folderId)).toBe(6);
    expect(await inRetired(result.retiredSchema, [after.folderId])).toEqual([]);
  });
});
