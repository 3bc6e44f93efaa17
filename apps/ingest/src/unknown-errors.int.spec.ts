// Given a running ingest, when a command fails for a reason that is not the caller's, then the
// caller gets the Oz UNKNOWN body with nothing internal in it, and ingest logs one JSON line.
import { DataSource } from 'typeorm';
import { ConcurrencyError, PostgresEventStore } from '@forensics/event-store';
import { type IngestHarness, startIngest } from '../test/ingest-harness';
import { createFolder, photo, request } from '../test/payloads';
import { INGEST_PATTERNS as P } from '@forensics/contracts';

const UNKNOWN = { error_code: 0, error_message: 'Unknown server side error occurred', details: null };

describe('ingest answers errors that are not the caller’s with the UNKNOWN body', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngest('it_ingest_unknown');
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const errorLines = () =>
    ingest.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['message'] === 'command failed');

  it('a version conflict that outlives the retries gives error_code 0 and one log line with correlation_id and folder_id', async () => {
    const create = createFolder([photo(['photo_id_front'])]);
    await ingest.send(P.createFolder, create);
    const folder_id = create.data.folder_id;
    // Another writer wins every race: each append finds the stream moved on.
    const append = jest
      .spyOn(PostgresEventStore.prototype, 'append')
      .mockImplementation(async (streamId, expected) => Promise.reject(new ConcurrencyError(streamId, expected, expected + 1)));
    const add = request(P.addMedia, { folder_id, media: [photo(['photo_selfie'])] });

    const error = await ingest.refusal(P.addMedia, add);
    const attempts = append.mock.calls.length;
    append.mockRestore();

    expect(error).toEqual(UNKNOWN);
    expect(attempts).toBe(5);
    expect(errorLines()).toEqual([
      expect.objectContaining({
        level: 'error',
        pattern: P.addMedia,
        correlation_id: add.metadata.correlation_id,
        folder_id,
        error: expect.objectContaining({ name: 'ConcurrencyError' }),
      }),
    ]);
    expect(await ingest.readStream(folder_id)).toHaveLength(2);
  });

  it('a lost database connection gives error_code 0 and reveals nothing of the driver', async () => {
    await ingest.app.get(DataSource).destroy();
    const create = createFolder();

    const error = await ingest.refusal(P.createFolder, create);

    expect(error).toEqual(UNKNOWN);
    expect(errorLines().at(-1)).toMatchObject({ correlation_id: create.metadata.correlation_id, folder_id: create.data.folder_id });
  });
});
