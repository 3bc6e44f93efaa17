// A folder the projection holds no state for is folded again from the event store, up to the
// version its rows reflect: what a restart, an evicted cache entry or a rebuild's next page reads.
import { projectFolder } from '@forensics/read-model';
import { foldedFromStore } from '../test/rebuild-fixtures';
import { projectionHarness } from '../test/projection-harness';
import { foldableEnvelope, loadStoredProjections } from './stored-projections';

describe('loadStoredProjections', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;

  beforeAll(async () => {
    h = await projectionHarness();
  }, 60_000);

  afterAll(() => h.close());

  const writeUpTo = async (folderId: string, version: number) => {
    const events = (await h.store.readStream(folderId)).slice(0, version).map(foldableEnvelope);
    await h.rows.write([{ expectedVersion: 0, projection: projectFolder(null, events) }]);
    return projectFolder(null, events);
  };

  it('given rows at version 4 of a longer stream, then it folds the stream to 4, domain state included, and no further', async () => {
    const { folderId, quality, biometry } = await h.kycFolder();
    await h.finish(folderId, quality, 'SUCCESS');
    await h.finish(folderId, biometry, 'OPERATOR_REQUIRED');
    const atFour = await writeUpTo(folderId, 4);
    const [other] = [await h.kycFolder()];
    await writeUpTo(other.folderId, 4);

    const loaded = await loadStoredProjections([folderId, other.folderId, 'no-such-folder'], { rows: h.rows, eventStore: h.store });
    expect([...loaded.keys()].sort()).toEqual([folderId, other.folderId].sort());
    expect(loaded.get(folderId)).toEqual(atFour);
    expect(loaded.get(folderId)?.state).toEqual(atFour.state);
    // Folding the rest on top gives what one fold of the whole stream gives.
    const rest = (await h.store.readStream(folderId, 5)).map(foldableEnvelope);
    const { state: _state, ...rows } = projectFolder(loaded.get(folderId) ?? null, rest);
    expect(rows).toEqual(await foldedFromStore(h, folderId));
  });

  it('given rows further than the events in the store, then it refuses, naming the folder and both versions', async () => {
    const { folderId } = await h.kycFolder();
    const atFour = await writeUpTo(folderId, 4);
    await h.reads.query('UPDATE folders SET last_version = 9 WHERE folder_id = $1', [folderId]);
    expect(atFour.version).toBe(4);
    await expect(loadStoredProjections([folderId], { rows: h.rows, eventStore: h.store })).rejects.toThrow(`folder ${folderId} is at version 9 in the read model, but its events in the store fold to 4`);
  });
});
