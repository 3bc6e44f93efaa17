// A rebuild that cannot finish changes nothing live: the live tables stay where they were and the
// half-built schema is dropped, whether the events cannot be folded or the switch cannot get its lock.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testInfra } from '@forensics/testing';
import { readModelSwitchLock } from '@forensics/read-model';
import { projectionHarness } from '../../test/projection-harness';
import { liveFoldersTable } from '../../test/rebuild-fixtures';
import { rebuildReadModel } from './rebuild-read-model';

jest.setTimeout(30_000);

describe('a rebuild that fails', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;
  /** Every schema named after the live one: a leftover rebuild or retired schema would show here. */
  const schemasOfLive = async () =>
    ((await h.reads.query(`SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY nspname`, [h.config.readModelSchema])) as { nspname: string }[]).map((r) => r.nspname);

  beforeEach(async () => {
    h = await projectionHarness();
    await h.kycFolder();
  });

  afterEach(async () => {
    await h?.close();
  });

  it('given an event in the store this code cannot fold, when rebuilt, then it fails naming the event, and the live schema is left as it was', async () => {
    const { folderId } = await h.kycFolder();
    const poison = randomUUID();
    await h.store.append(folderId, 4, [{ event_id: poison, type: 'MediaUploaded', schema_version: 99, data: {}, metadata: {} }]);
    const table = await liveFoldersTable(h.reads);

    const failed = rebuildReadModel(h.config, { pageSize: 2 });

    await expect(failed).rejects.toThrow(new RegExp(`nothing was switched.*event ${poison} \\(MediaUploaded v99, folder ${folderId} version 5\\) cannot be folded`));
    expect(await liveFoldersTable(h.reads)).toBe(table);
    expect(await schemasOfLive()).toEqual([h.config.readModelSchema]);
  });

  it('given a live batch that keeps the switch lock, when rebuilt, then the switch gives up after its lock timeout and the live schema is left as it was', async () => {
    const batch = new Client({ connectionString: testInfra.databaseUrl });
    await batch.connect();
    try {
      await batch.query('BEGIN');
      await batch.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [readModelSwitchLock(h.config.readModelSchema)]);
      const table = await liveFoldersTable(h.reads);

      const failed = rebuildReadModel(h.config, { lockTimeoutMs: 300 });

      await expect(failed).rejects.toThrow(/nothing was switched.*lock timeout/);
      expect(await liveFoldersTable(h.reads)).toBe(table);
      expect(await schemasOfLive()).toEqual([h.config.readModelSchema]);
    } finally {
      await batch.end();
    }
  });
});
