// Helpers for the rebuild tests: realistic folders folded by the live projection, the fold of a
// folder's whole history as the reference, and dropping the schemas a rebuild leaves behind.
import { toEnvelope } from '@forensics/event-store';
import { type FolderEnvelope, parseEnvelope, projectFolder, type StoredFolderRows, storedRowsOf } from '@forensics/read-model';
import { waitFor } from '@forensics/testing';
import type { DataSource } from 'typeorm';
import type { projectionHarness } from './projection-harness';

type Harness = Awaited<ReturnType<typeof projectionHarness>>;

/** Four folders covering every event type: decided by an operator, failed, finished, still processing. */
export async function appendRealisticFolders(h: Harness) {
  const decided = await h.kycFolder();
  await h.finish(decided.folderId, decided.quality, 'SUCCESS');
  await h.finish(decided.folderId, decided.biometry, 'OPERATOR_REQUIRED');
  await h.decideAsOperator(decided.folderId, decided.biometry, 'DECLINED');
  const failed = await h.kycFolder();
  await h.fail(failed.folderId, failed.quality);
  const finished = await h.kycFolder();
  await h.finish(finished.folderId, finished.quality, 'SUCCESS');
  await h.finish(finished.folderId, finished.biometry, 'SUCCESS');
  const processing = await h.kycFolder();
  return { decided, failed, finished, processing, ids: [decided, failed, finished, processing].map((f) => f.folderId) };
}

/** The folder's version in the live read model (0 when it has no row). */
export const liveVersion = async (h: Harness, folderId: string) => (await h.rows.readRows([folderId])).get(folderId)?.version ?? 0;

/** Publishes the folders' histories as the relay would and waits until the live projection applied them. */
export async function publishAndWaitApplied(h: Harness, folderIds: readonly string[]): Promise<void> {
  for (const folderId of folderIds) {
    const history = await h.store.readStream(folderId);
    await h.publish(history);
    await waitFor(() => liveVersion(h, folderId), (v) => v === history.length, { what: `folder ${folderId} applied by the live projection` });
  }
}

/** The reference: one fold of the folder's whole stored history, from nothing. */
export async function foldedFromStore(h: Harness, folderId: string): Promise<StoredFolderRows> {
  const envelopes = (await h.store.readStream(folderId)).map((event): FolderEnvelope => {
    const parsed = parseEnvelope(JSON.stringify(toEnvelope(event)));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.envelope;
  });
  return storedRowsOf(projectFolder(null, envelopes));
}

/** The id of the `folders` table that unqualified names reach through this data source. */
export const liveFoldersTable = async (reads: DataSource): Promise<number> => (await reads.query(`SELECT 'folders'::regclass::oid::integer AS oid`))[0].oid;

export async function dropSchemas(reads: DataSource, names: readonly (string | null | undefined)[]): Promise<void> {
  for (const name of names) if (name) await reads.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
}
