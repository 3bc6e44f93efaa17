// DESIGN.md invariant 4: the read model rebuilt from the events equals the live one, field for
// field. The live projection folds realistic folders from its topic, then the rebuild replays the
// store into new tables and switches them in; the comparison must find nothing, and must find a
// row that differs when one does.
import { migrate } from '@forensics/event-store';
import { createProjection, type RunningProjection } from '../create-projection';
import { projectionHarness } from '../../test/projection-harness';
import { appendRealisticFolders, dropSchemas, liveFoldersTable, publishAndWaitApplied } from '../../test/rebuild-fixtures';
import { compareReadModels, type ReadModelComparison } from './compare-read-models';
import { rebuildReadModel, type RebuildResult } from './rebuild-read-model';

jest.setTimeout(60_000);

const NOTHING = { 'same-version': 0, 'a-ahead': 0, 'b-ahead': 0 };

describe('rebuilding the read model', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;
  let projection: RunningProjection;
  let folders: Awaited<ReturnType<typeof appendRealisticFolders>>;
  let tableBefore: number;
  let result: RebuildResult;
  const retired = () => result.retiredSchema as string;

  /** Changes the retired tables, compares, and rolls the change back. */
  const compareAfter = async (sql: string, parameters: unknown[]): Promise<ReadModelComparison> => {
    let comparison: ReadModelComparison | undefined;
    await h.reads
      .transaction(async (manager) => {
        await manager.query(sql.replaceAll('RETIRED', `"${retired()}"`), parameters);
        comparison = await compareReadModels(manager, retired(), h.config.readModelSchema);
        throw new Error('roll back');
      })
      .catch((error: Error) => {
        if (error.message !== 'roll back') throw error;
      });
    return comparison!;
  };

  beforeAll(async () => {
    h = await projectionHarness();
    projection = await createProjection(h.config, () => undefined);
    folders = await appendRealisticFolders(h);
    await publishAndWaitApplied(h, folders.ids);
    tableBefore = await liveFoldersTable(h.reads);
    result = await rebuildReadModel(h.config, { pageSize: 4 });
  }, 60_000);

  afterAll(async () => {
    await projection?.close();
    await dropSchemas(h.reads, [result?.retiredSchema]);
    await h?.close();
  });

  it('given a live projection that folded every event, when rebuilt, then the new live tables equal the retired ones, field for field', async () => {
    const [{ n: stored }] = await h.events.query('SELECT count(*)::integer AS n FROM events');
    expect(result).toMatchObject({ events: stored, retiredSchema: result.schemas.retired, dropped: false, announced: 0 });
    // Readers of the live schema now reach other tables, holding the four folders.
    expect(await liveFoldersTable(h.reads)).not.toBe(tableBefore);
    expect(await h.reads.query('SELECT folder_id FROM folders ORDER BY folder_id')).toEqual([...folders.ids].sort().map((folder_id) => ({ folder_id })));
    const comparison = await compareReadModels(h.reads, retired(), h.config.readModelSchema);
    expect(comparison).toEqual({ counts: { folders: NOTHING, media: NOTHING, analyses: NOTHING, analysis_groups: NOTHING }, differences: [] });
    expect(result.comparison).toEqual(comparison);
    // A projection restarting now finds the new tables' migrations done (they moved with them).
    await expect(migrate(h.reads)).resolves.toBeUndefined();
  });

  it('given the retired tables, when an operator column differs in one analysis, then the comparison reports that row and column', async () => {
    const { folderId, biometry } = folders.decided;
    const comparison = await compareAfter(`UPDATE RETIRED.analyses SET resolution_operator = 'operator-2' WHERE analysis_id = $1`, [biometry]);
    expect(comparison.counts.analyses).toEqual({ ...NOTHING, 'same-version': 1 });
    expect(comparison.differences).toEqual([
      expect.objectContaining({ table: 'analyses', key: { folder_id: folderId, analysis_id: biometry }, kind: 'same-version', versions: { a: 7, b: 7 }, columns: ['resolution_operator'] }),
    ]);
  });

  it.each([
    ["a media row's bookkeeping (changed_version) differs", 'UPDATE RETIRED.media SET changed_version = changed_version + 1 WHERE folder_id = $1 AND position = 0', 'media', ['changed_version']],
    ["the folder's stored metadata differs", `UPDATE RETIRED.folders SET meta_data = meta_data || '{"extra": true}' WHERE folder_id = $1`, 'folders', ['meta_data']],
    ['a group row is missing', 'DELETE FROM RETIRED.analysis_groups WHERE folder_id = $1', 'analysis_groups', expect.arrayContaining(['group_id', 'result', 'finished'])],
  ])('given the retired tables, when %s, then the comparison reports it as a divergence', async (_what, sql, table, columns) => {
    const comparison = await compareAfter(sql, [folders.failed.folderId]);
    expect(comparison.differences).toEqual([expect.objectContaining({ table, kind: 'same-version', columns })]);
  });

  it('given the retired tables, when a folder is a version further there, then the comparison says the old tables hold it further', async () => {
    const comparison = await compareAfter('UPDATE RETIRED.folders SET last_version = last_version + 1 WHERE folder_id = $1', [folders.finished.folderId]);
    expect(comparison.differences).toEqual([expect.objectContaining({ table: 'folders', kind: 'a-ahead', versions: { a: 7, b: 6 }, columns: ['last_version'] })]);
  });
});
