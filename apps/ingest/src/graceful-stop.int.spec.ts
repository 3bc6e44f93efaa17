// Stopping ingest (SIGTERM) must not cut a command off: one whose events are being appended
// answers before the connections close, and one that arrives meanwhile is refused, with nothing
// appended, so that the caller tries again elsewhere instead of appending twice.
import { Client } from 'pg';
import { testInfra } from '@forensics/testing';
import { INGEST_PATTERNS as P } from '@forensics/contracts';
import { type IngestHarness, startIngest } from '../test/ingest-harness';
import { createFolder, kycMedia } from '../test/payloads';
import { stopIngestApp } from './create-ingest-app';

describe('ingest stopping', () => {
  let ingest: IngestHarness;
  let locker: Client;

  beforeAll(async () => {
    ingest = await startIngest('it_ingest_stop');
    locker = new Client({ connectionString: testInfra.databaseUrl });
    await locker.connect();
  });

  afterAll(async () => {
    await locker?.end();
    await ingest?.stop({ appStopped: true });
  });

  it('given a command in hand when ingest is told to stop, then it answers, a new command is refused with code 11, and only the first is stored', async () => {
    // Appends wait while another transaction holds the events table.
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE "${ingest.config.eventStoreSchema}".events IN EXCLUSIVE MODE`);
    const inHand = createFolder(kycMedia());
    const answer = ingest.send(P.createFolder, inHand);
    let answered = false;
    void answer.then(() => (answered = true));
    await waitForBlockedAppend(locker);

    const stopped = stopIngestApp(ingest.app, 10_000);
    const late = createFolder(kycMedia());
    expect(await ingest.refusal(P.createFolder, late)).toMatchObject({ error_code: 11, error_message: 'ingest is shutting down; try again' });

    await locker.query('COMMIT');
    await stopped;
    // Stopped only once the command in hand had its answer.
    expect(answered).toBe(true);
    expect(await answer).toMatchObject({ folder_id: inHand.data.folder_id, version: 4, duplicate: false });
    expect((await ingest.readStream(inHand.data.folder_id)).map((e) => e.type)).toEqual(['FolderCreated', 'MediaUploaded', 'MediaUploaded', 'MediaUploaded']);
    expect(await ingest.readStream(late.data.folder_id)).toEqual([]);
  }, 30_000);
});

/** Waits until some session waits for a lock on a relation: the append is blocked. */
async function waitForBlockedAppend(client: Client): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'relation'`);
    if ((rows[0] as { n: number }).n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no append ever waited for the lock');
}
