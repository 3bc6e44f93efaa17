// Given a running ingest, when a command is malformed, holds a bad value or names a folder the
// actor cannot see, then the caller's observable fails with the Oz body and nothing is written.
import { randomBytes, randomUUID } from 'node:crypto';
import { type IngestHarness, startIngest } from '../test/ingest-harness';
import { actors, analysis, createFolder, kycMedia, photo, request, video } from '../test/payloads';
import { type IngestPattern, INGEST_PATTERNS as P } from '@forensics/contracts';

// Set below the default of 10, so the test shows that the configured limit is the one applied.
const MAX_FILES = 4;

/** A refused payload, and the part of the Oz body that shows it was refused for that reason. */
type Case = readonly [name: string, pattern: IngestPattern, payload: (folderId: string) => unknown, expected: Refusal];
type Refusal = Readonly<{ error_code: number; details: Readonly<Record<string, unknown>> }>;

const structure = (field: string | null): Refusal => ({ error_code: 3, details: { field } });
const value = (details: Record<string, unknown>): Refusal => ({ error_code: 4, details });

const notExistBody = (folderId: string) => ({
  error_code: 10,
  error_message: `Folder ${folderId} does not exist`,
  details: { folder_id: folderId },
});

const submit = (folderId: string, analyses: unknown, extra: Record<string, unknown> = {}) =>
  request(P.submitAnalysisGroup, { folder_id: folderId, group_id: randomUUID(), analyses, ...extra } as never);

const addMedia = (folderId: string, media: unknown[]) => request(P.addMedia, { folder_id: folderId, media } as never);

/** An add_media request whose metadata is replaced by the one given. */
const withMetadata = (metadata: unknown) => (folderId: string) => ({ ...addMedia(folderId, []), metadata });

const textFile = () =>
  photo(['photo_selfie'], { original_name: 'not-media.jpg', blob: { sha256: 'a'.repeat(64), size: 38, mime: 'text/plain' } });

/** 4 kB that PostgreSQL cannot compress into a btree index entry (about 2.7 kB at most). */
const incompressible4kB = () => randomBytes(3072).toString('base64');

/** A create_folder request whose `data` has the fields given on top. */
const createWith = (data: Record<string, unknown>) => () => {
  const create = createFolder([photo(['photo_selfie'])]);
  return { ...create, data: { ...create.data, ...data } };
};

const REQUEST_LIMIT = 256 * 1024;

const malformed: readonly Case[] = [
  ['a payload that is not an object', P.createFolder, () => 'folders.create please', structure(null)],
  // A ClientProxy refuses to send undefined or null itself, so a list stands in for "no object".
  ['a payload that is a list', P.addMedia, () => [], structure(null)],
  ['a payload without metadata', P.createFolder, () => ({ data: createFolder().data }), structure('metadata')],
  ['a payload without data', P.addMedia, () => ({ metadata: createFolder().metadata }), structure('data')],
  [
    'an actor without user_id',
    P.addMedia,
    withMetadata({ actor: { role: 'CLIENT', company_id: randomUUID() }, correlation_id: randomUUID() }),
    structure('metadata.actor.user_id'),
  ],
  [
    'an actor with an unknown role',
    P.addMedia,
    withMetadata({ actor: { ...actors.clientA, role: 'ROOT' }, correlation_id: randomUUID() }),
    structure('metadata.actor.role'),
  ],
  ['metadata without correlation_id', P.addMedia, withMetadata({ actor: actors.clientA }), structure('metadata.correlation_id')],
  ['a command without folder_id', P.addMedia, (id) => ({ ...addMedia(id, []), data: { media: [photo(['photo_selfie'])] } }), structure('folder_id')],
  ['`analyses` that is not a list', P.submitAnalysisGroup, (id) => submit(id, 'quality,biometry'), structure('analyses')],
  [
    'an idempotency_key of 4 kB',
    P.createFolder,
    () => ({ ...createFolder(), idempotency_key: incompressible4kB() }),
    structure('idempotency_key'),
  ],
];

// What PostgreSQL or Kafka cannot take: each of these failed as UNKNOWN (0) at the append, or would
// have made an event the relay could not publish.
const unstorable: readonly Case[] = [
  ['a folder_id of 4 kB', P.createFolder, createWith({ folder_id: incompressible4kB() }), value({ field: 'folder_id', limit: 128 })],
  [
    'an actor user_id of 4 kB, with an idempotency key',
    P.createFolder,
    () => ({ ...createFolder([photo(['photo_selfie'])], {}, { ...actors.clientA, user_id: incompressible4kB() }), idempotency_key: 'k-1' }),
    value({ field: 'metadata.actor.user_id', limit: 128 }),
  ],
  ['NUL in folder meta_data', P.createFolder, createWith({ meta_data: { note: 'a\u0000b' } }), value({ field: 'meta_data.note' })],
  [
    'NUL in a key of media meta_data',
    P.addMedia,
    (id) => addMedia(id, [photo(['photo_selfie'], { meta_data: { 'x\u0000': 1 } })]),
    value({ field: 'media[0].meta_data["x\\u0000"]' }),
  ],
  [
    'NUL in the correlation_id',
    P.addMedia,
    (id) => ({ ...addMedia(id, [photo(['photo_selfie'])]), metadata: { actor: actors.clientA, correlation_id: 'req\u0000' } }),
    value({ field: 'metadata.correlation_id' }),
  ],
  [
    'a lone surrogate in a file name',
    P.addMedia,
    (id) => addMedia(id, [photo(['photo_selfie'], { original_name: 'selfie\uD83D.jpg' })]),
    value({ field: 'media[0].original_name' }),
  ],
  [
    'a request over 256 KiB',
    P.createFolder,
    createWith({ meta_data: { note: 'x'.repeat(REQUEST_LIMIT) } }),
    value({ limit: REQUEST_LIMIT, size: expect.any(Number) }),
  ],
];

const badValues: readonly Case[] = [
  [
    'an unknown analysis type',
    P.submitAnalysisGroup,
    (id) => submit(id, [analysis('deepfake_v2')]),
    value({ field: 'analyses[0].type', value: 'deepfake_v2' }),
  ],
  [
    'threshold_spoofing 1.5',
    P.submitAnalysisGroup,
    (id) => submit(id, [analysis('quality', { params: { threshold_spoofing: 1.5 } })]),
    value({ field: 'analyses[0].params.threshold_spoofing', value: 1.5 }),
  ],
  [
    'a resolution_endpoint that is not a URL',
    P.submitAnalysisGroup,
    (id) => submit(id, [analysis('quality')], { resolution_endpoint: 'kyc-hooks' }),
    value({ field: 'resolution_endpoint', value: 'kyc-hooks' }),
  ],
  [
    'BIOMETRY with fewer than 2 usable media',
    P.createFolder,
    () =>
      createFolder([video(['video_selfie']), photo(['photo_id_back'])], {
        analysis_group: { group_id: randomUUID(), analyses: [analysis('biometry')] },
      }),
    value({ type: 'BIOMETRY', required: 2, found: 1 }),
  ],
  [
    'tags that are not strings',
    P.addMedia,
    (id) => addMedia(id, [photo([42, { side: 'front' }] as never)]),
    value({ field: 'media[0].tags' }),
  ],
  [
    'a blob sniffed as text/plain (not-media.jpg)',
    P.addMedia,
    (id) => addMedia(id, [textFile()]),
    value({ field: 'media[0].blob.mime', value: 'text/plain' }),
  ],
  [
    `more than MAX_FILES_PER_FOLDER (${MAX_FILES}) files`,
    P.createFolder,
    () => createFolder([...kycMedia(), photo(['photo_selfie']), photo(['photo_selfie'])]),
    value({ limit: MAX_FILES, existing: 0, added: 5 }),
  ],
];

describe('ingest refuses commands with the Oz error body', () => {
  let ingest: IngestHarness;
  let folderOfA: string;

  beforeAll(async () => {
    ingest = await startIngest('it_ingest_refusals', { maxFilesPerFolder: MAX_FILES });
    const create = createFolder([video(['video_selfie']), photo(['photo_id_front'])]);
    await ingest.send(P.createFolder, create);
    folderOfA = create.data.folder_id;
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  describe('NOT EXIST (10)', () => {
    it('an unknown folder gives error_code 10', async () => {
      const unknown = randomUUID();

      const error = await ingest.refusal(P.addMedia, addMedia(unknown, [photo(['photo_selfie'])]));

      expect(error).toEqual(notExistBody(unknown));
    });

    it('a folder of another company answers exactly like an unknown one', async () => {
      const media = [photo(['photo_selfie'])];

      const foreign = await ingest.refusal(P.addMedia, request(P.addMedia, { folder_id: folderOfA, media }, actors.clientB));

      expect(foreign).toEqual(notExistBody(folderOfA));
      const unknown = randomUUID();
      const absent = await ingest.refusal(P.addMedia, request(P.addMedia, { folder_id: unknown, media }, actors.clientB));
      expect(JSON.stringify(foreign).replaceAll(folderOfA, '<id>')).toBe(JSON.stringify(absent).replaceAll(unknown, '<id>'));
    });
  });

  describe('INVALID STRUCTURE (3)', () => {
    it.each(malformed)('%s', async (_name, pattern, payload, expected) => {
      const error = await ingest.refusal(pattern, payload(folderOfA));

      expect(error).toMatchObject({ ...expected, error_message: expect.any(String) });
    });
  });

  describe('INVALID VALUE (4)', () => {
    it.each(badValues)('%s', async (_name, pattern, payload, expected) => {
      const error = await ingest.refusal(pattern, payload(folderOfA));

      expect(error).toMatchObject({ ...expected, error_message: expect.any(String) });
    });

    it.each(unstorable)('%s', async (_name, pattern, payload, expected) => {
      const error = await ingest.refusal(pattern, payload(folderOfA));

      expect(error).toEqual({ ...expected, error_message: expect.any(String) });
    });

    it('says a request is over 256 KiB, and by how much', async () => {
      const payload = createWith({ meta_data: { note: 'x'.repeat(REQUEST_LIMIT) } })();

      const error = await ingest.refusal(P.createFolder, payload);

      expect(error).toEqual({
        error_code: 4,
        error_message: 'Request is larger than 256 KiB',
        details: { limit: REQUEST_LIMIT, size: Buffer.byteLength(JSON.stringify(payload)) },
      });
    });

    it('names the configured limit when a folder would hold too many files', async () => {
      const error = await ingest.refusal(P.addMedia, addMedia(folderOfA, [photo(['a']), photo(['b']), photo(['c'])]));

      expect(error).toEqual({
        error_code: 4,
        error_message: `A folder holds at most ${MAX_FILES} files`,
        details: { limit: MAX_FILES, existing: 2, added: 3 },
      });
    });
  });

  it('no event is written for any refused command, and none is logged as a server error', async () => {
    const foreign: Case = [
      'a folder of another company',
      P.addMedia,
      (id) => request(P.addMedia, { folder_id: id, media: [photo(['photo_selfie'])] }, actors.clientB),
      { error_code: 10, details: { folder_id: folderOfA } },
    ];
    const refused = [...malformed, ...badValues, ...unstorable, foreign];
    const before = await ingest.countEvents();
    const codes: unknown[] = [];

    for (const [, pattern, payload] of refused) {
      codes.push(((await ingest.refusal(pattern, payload(folderOfA))) as { error_code: unknown }).error_code);
    }

    expect(codes).toEqual(refused.map(([, , , expected]) => expected.error_code));
    expect(await ingest.countEvents()).toBe(before);
    expect(ingest.logLines.map((line) => JSON.parse(line) as { message?: unknown }).filter((line) => line.message === 'command failed')).toEqual([]);
    expect((await ingest.readStream(folderOfA)).map((e) => e.type)).toEqual(['FolderCreated', 'MediaUploaded', 'MediaUploaded']);
  });
});
