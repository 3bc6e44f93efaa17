import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { connectionPool, createDataSource, migrate } from '@forensics/event-store';
import { isolatedSchema, testInfra, waitFor } from '@forensics/testing';
import { Client, type QueryConfig } from 'pg';
import { FolderRowsRepository, READ_MODEL_MIGRATIONS, projectFolder, type StoredFolderRows, storedRowsOf } from '../index';
import { storyOf } from '../../test/events-md-history';

describe('FolderRowsRepository', () => {
  const schema = isolatedSchema('it_read_model');
  let dataSource: DataSource;
  let repository: FolderRowsRepository;

  beforeAll(async () => {
    dataSource = createDataSource({ url: testInfra.databaseUrl, schema: schema.name, migrations: READ_MODEL_MIGRATIONS });
    await dataSource.initialize();
    await migrate(dataSource);
    repository = new FolderRowsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await schema.drop();
  });

  const newFolder = () => `folder-${randomUUID()}`;
  const loadOne = async (id: string): Promise<StoredFolderRows | undefined> => (await repository.readRows([id])).get(id);

  it('given a new folder, when its projection is written, then it reads back equal, field for field', async () => {
    const id = newFolder();
    const projection = projectFolder(null, storyOf(id));
    expect(await repository.write([{ expectedVersion: 0, projection }])).toEqual({ written: [id], conflicts: [] });
    expect(await loadOne(id)).toEqual(storedRowsOf(projection));
    expect(await repository.storedVersions([id, newFolder()])).toEqual(new Map([[id, projection.version]]));
  });

  it('given a stored folder, when later batches are folded on and written, then the rows equal one fold of the whole stream', async () => {
    const id = newFolder();
    const history = storyOf(id);
    let projection = projectFolder(null, history.slice(0, 4));
    await repository.write([{ expectedVersion: 0, projection }]);
    for (const [from, to] of [[4, 6], [6, 7], [7, 10]] as const) {
      expect((await loadOne(id))?.version).toBe(from);
      // Redelivered versions ride along, as they do on the topic; only the new ones count.
      projection = projectFolder(projection, history.slice(from - 2, to));
      const result = await repository.write([{ expectedVersion: from, projection }]);
      expect(result.written).toEqual([id]);
    }
    expect(await loadOne(id)).toEqual(storedRowsOf(projectFolder(null, history)));
  });

  it('given a batch committed while a folder is being read, then the read shows the folder at one version, never rows of two commits', async () => {
    const id = newFolder();
    const history = storyOf(id);
    const before = projectFolder(null, history.slice(0, 4));
    await repository.write([{ expectedVersion: 0, projection: before }]);
    const after = projectFolder(before, history.slice(4));
    // The projection commits the rest of the stream right after the reader's first statement.
    let committed = false;
    const pool = connectionPool(dataSource);
    const racing = {
      query: async (config: QueryConfig) => {
        const result = await pool.query(config);
        if (!committed) {
          committed = true;
          await repository.write([{ expectedVersion: 4, projection: after }]);
        }
        return result;
      },
    };
    const read = (await repository.readRows([id], racing as never)).get(id);
    expect(committed).toBe(true);
    expect(read).toEqual(storedRowsOf(before));
    expect(await loadOne(id)).toEqual(storedRowsOf(after));
  });

  it('given a folder that moved on, when a batch expects its older version, then nothing of it is written and it is reported as a conflict', async () => {
    const id = newFolder();
    const history = storyOf(id);
    const atFour = projectFolder(null, history.slice(0, 4));
    await repository.write([{ expectedVersion: 0, projection: atFour }]);
    await repository.write([{ expectedVersion: 4, projection: projectFolder(atFour, history.slice(4, 6)) }]);
    const stale = projectFolder(atFour, history.slice(4, 9));
    expect(await repository.write([{ expectedVersion: 4, projection: stale }])).toEqual({ written: [], conflicts: [id] });
    expect(await repository.write([{ expectedVersion: 0, projection: stale }])).toEqual({ written: [], conflicts: [id] });
    const stored = (await loadOne(id))!;
    expect(stored.version).toBe(6);
    expect(stored.groups).toHaveLength(1);
    expect(stored.analyses.map((a) => a.resolution_status)).toEqual(['SUCCESS', 'OPERATOR_REQUIRED']);
  });

  it('given a batch of many folders, one of them stale, when written, then every other folder is written in the one statement', async () => {
    const ids = Array.from({ length: 300 }, newFolder);
    const atThree = new Map(ids.map((id) => [id, projectFolder(null, storyOf(id, 3))]));
    await repository.write([...atThree.values()].map((projection) => ({ expectedVersion: 0, projection })));
    const [staleId] = ids;
    const batch = ids.map((id) => ({ expectedVersion: id === staleId ? 2 : 3, projection: projectFolder(atThree.get(id)!, storyOf(id)) }));
    const result = await repository.write(batch);
    expect(result.conflicts).toEqual([staleId]);
    expect(result.written).toEqual(ids.slice(1));
    const reloaded = await repository.readRows(ids);
    expect(reloaded.get(ids[1]!)).toEqual(storedRowsOf(projectFolder(null, storyOf(ids[1]!))));
    expect(reloaded.get(staleId!)?.version).toBe(3);
  });

  it('given two writers racing from the same version, then exactly one wins and the other sees a conflict', async () => {
    const id = newFolder();
    const history = storyOf(id);
    const atThree = projectFolder(null, history.slice(0, 3));
    await repository.write([{ expectedVersion: 0, projection: atThree }]);
    const results = await Promise.all([
      repository.write([{ expectedVersion: 3, projection: projectFolder(atThree, history.slice(3, 5)) }]),
      repository.write([{ expectedVersion: 3, projection: projectFolder(atThree, history.slice(3, 9)) }]),
    ]);
    expect(results.map((r) => r.written.length).sort()).toEqual([0, 1]);
    expect([5, 9]).toContain((await loadOne(id))?.version);
  });

  describe('a live commit: one round trip under the shared switch lock', () => {
    const lock = `switch-lock-${randomUUID()}`;
    const channel = `folder_updated_${randomUUID().replaceAll('-', '')}`;
    const lockKey = (name: string) => dataSource.query('SELECT hashtextextended($1, 0)::text AS key', [name]).then((r: { key: string }[]) => r[0]!.key);

    it('writes the rows and announces each folder written at its version, once it commits', async () => {
      const listener = new Client({ connectionString: testInfra.databaseUrl });
      await listener.connect();
      const heard: unknown[] = [];
      listener.on('notification', (n) => heard.push(JSON.parse(n.payload ?? 'null')));
      await listener.query(`LISTEN ${channel}`);
      try {
        const [a, b] = [newFolder(), newFolder()];
        // A text that would end a naive dollar quote rides inside the JSON untouched (up to version
        // 9: version 10 sets other folder metadata).
        const projection = (id: string) => projectFolder(null, storyOf(id, 9).map((e, i) => (i === 0 ? ({ ...e, data: { ...e.data, meta_data: { note: "it's $j$ and $$" } } } as typeof e) : e)));
        const result = await repository.commit([{ expectedVersion: 0, projection: projection(a) }, { expectedVersion: 0, projection: projection(b) }], { sharedLock: lock, notifyChannel: channel });
        expect(result).toEqual({ written: [a, b], conflicts: [] });
        expect(await loadOne(a)).toEqual(storedRowsOf(projection(a)));
        expect((await loadOne(a))?.folder?.meta_data).toEqual({ note: "it's $j$ and $$" });
        const version = projection(a).version;
        await waitFor(async () => heard.length, (n) => n === 2, { what: 'two notifications' });
        expect(heard).toEqual(expect.arrayContaining([{ folder_id: a, version }, { folder_id: b, version }]));
      } finally {
        await listener.end();
      }
    });

    it('waits while the lock is held alone (a switch), and commits once it is released', async () => {
      const id = newFolder();
      const holder = new Client({ connectionString: testInfra.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [await lockKey(lock)]);
        let settled = false;
        const committing = repository.commit([{ expectedVersion: 0, projection: projectFolder(null, storyOf(id)) }], { sharedLock: lock, notifyChannel: channel }).finally(() => {
          settled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        expect(await loadOne(id)).toBeUndefined();
        await holder.query('COMMIT');
        expect((await committing).written).toEqual([id]);
      } finally {
        await holder.end();
      }
    });

    it('commits the folders that pass the version check and reports the others as conflicts', async () => {
      const [fresh, moved] = [newFolder(), newFolder()];
      await repository.write([{ expectedVersion: 0, projection: projectFolder(null, storyOf(moved, 3)) }]);
      const result = await repository.commit(
        [{ expectedVersion: 0, projection: projectFolder(null, storyOf(fresh)) }, { expectedVersion: 0, projection: projectFolder(null, storyOf(moved)) }],
        { sharedLock: lock, notifyChannel: channel },
      );
      expect(result).toEqual({ written: [fresh], conflicts: [moved] });
      expect((await loadOne(moved))?.version).toBe(3);
    });
  });

  it("given a caller's transaction, when the write joins it and the transaction rolls back, then nothing is stored", async () => {
    const id = newFolder();
    const projection = projectFolder(null, storyOf(id));
    const rolledBack = dataSource.transaction(async (manager) => {
      expect((await repository.write([{ expectedVersion: 0, projection }], manager)).written).toEqual([id]);
      throw new Error('the checkpoint write failed');
    });
    await expect(rolledBack).rejects.toThrow('the checkpoint write failed');
    expect(await loadOne(id)).toBeUndefined();
  });

  it('serves the folder list queries and the file lookups from indexes: company by time, user by time, metadata containment, media by id, best shot by hash', async () => {
    const plans = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string) => JSON.stringify(await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`));
      return {
        company: await plan("SELECT folder_id FROM folders WHERE company_id = 'c' AND time_created >= now() - interval '1 hour' ORDER BY time_created DESC LIMIT 100"),
        user: await plan("SELECT folder_id FROM folders WHERE user_id = 'u' ORDER BY time_created DESC LIMIT 100"),
        metaData: await plan(`SELECT folder_id FROM folders WHERE meta_data @> '{"transaction_id": "t-1"}'`),
        analysis: await plan("SELECT folder_id FROM analyses WHERE analysis_id = 'a'"),
        media: await plan("SELECT folder_id FROM media WHERE media_id = 'm'"),
        bestShot: await plan(`SELECT folder_id FROM analyses WHERE jsonb_path_query_array(results_media, '$[*].output_images[*].sha256') @> '["ab"]'`),
      };
    });
    expect(plans.company).toContain('folders_company_created');
    expect(plans.user).toContain('folders_user_created');
    expect(plans.metaData).toContain('folders_meta_data');
    expect(plans.analysis).toContain('analyses_analysis_id');
    expect(plans.media).toContain('media_media_id');
    expect(plans.bestShot).toContain('analyses_output_images');
  });
});
