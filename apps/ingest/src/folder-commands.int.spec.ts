// Given a running ingest, when a caller sends each command over TCP, then the folder stream holds
// the events the domain decided, at the versions that follow the stream's last one.
import { randomUUID } from 'node:crypto';
import { type IngestHarness, startIngest } from '../test/ingest-harness';
import { actors, analysis, createFolder, finishedOutcome, kycMedia, photo, request } from '../test/payloads';
import { INGEST_PATTERNS as P } from '@forensics/contracts';

describe('ingest folder commands', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngest('it_ingest_commands');
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  const typesAndVersions = async (folderId: string) =>
    (await ingest.readStream(folderId)).map((e) => [e.stream_version, e.type]);

  /** A folder with a selfie video and both sides of an id card, as its owner created it. */
  const givenFolder = async () => {
    const create = createFolder(kycMedia());
    await ingest.send(P.createFolder, create);
    return create.data;
  };

  const recordResult = (folderId: string, analysisId: string, resolution: 'SUCCESS' | 'OPERATOR_REQUIRED') =>
    request(P.recordAnalysisResult, { folder_id: folderId, analysis_id: analysisId, outcome: finishedOutcome(resolution) }, actors.worker);

  const givenGroup = async (folderId: string, analyses: ReturnType<typeof analysis>[]) => {
    await ingest.send(P.submitAnalysisGroup, request(P.submitAnalysisGroup, { folder_id: folderId, group_id: randomUUID(), analyses }));
    return analyses;
  };

  it('folders.create appends FolderCreated and one MediaUploaded per file, at versions 1..n', async () => {
    const create = createFolder(kycMedia());

    const reply = await ingest.send(P.createFolder, create);

    expect(reply).toEqual({
      folder_id: create.data.folder_id,
      version: 4,
      duplicate: false,
      events: [
        { event_id: expect.any(String), type: 'FolderCreated', stream_version: 1 },
        { event_id: expect.any(String), type: 'MediaUploaded', stream_version: 2 },
        { event_id: expect.any(String), type: 'MediaUploaded', stream_version: 3 },
        { event_id: expect.any(String), type: 'MediaUploaded', stream_version: 4 },
      ],
    });
    const stream = await ingest.readStream(create.data.folder_id);
    expect(stream.map((e) => e.event_id)).toEqual(reply.events.map((e) => e.event_id));
    expect(stream.slice(1).map((e) => (e.data as { media_id: string }).media_id)).toEqual(create.data.media.map((m) => m.media_id));
  });

  it('stamps the events with the ingest clock and the actor and correlation id of the request', async () => {
    const create = createFolder([photo(['photo_selfie'])]);
    const before = new Date().toISOString();

    await ingest.send(P.createFolder, { ...create, metadata: { ...create.metadata, causation_id: 'http-request-7' } });

    const [created] = await ingest.readStream(create.data.folder_id);
    const metadata = created?.metadata as Record<string, string>;
    expect(metadata).toMatchObject({
      user_id: actors.clientA.user_id,
      company_id: actors.clientA.company_id,
      correlation_id: create.metadata.correlation_id,
      causation_id: 'http-request-7',
    });
    const occurredAt = String(metadata['occurred_at']);
    expect(occurredAt >= before && occurredAt <= new Date().toISOString()).toBe(true);
    expect(created?.schema_version).toBe(1);
    expect(ingest.logged()).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'command handled',
        command: 'CreateFolder',
        outcome: 'accepted',
        correlation_id: create.metadata.correlation_id,
        folder_id: create.data.folder_id,
        events: 2,
        duration_ms: expect.any(Number),
      }),
    );
  });

  it('counts the events appended by type and times each command by outcome, on its metrics port', async () => {
    const counted = async () => {
      const text = await ingest.metrics();
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
      return {
        created: value(/^ingest_events_appended_total\{type="FolderCreated"\} (\d+)$/m),
        uploaded: value(/^ingest_events_appended_total\{type="MediaUploaded"\} (\d+)$/m),
        accepted: value(/^ingest_command_duration_seconds_count\{command="CreateFolder",outcome="accepted"\} (\d+)$/m),
        refused: value(/^ingest_command_duration_seconds_count\{command="AddMedia",outcome="refused"\} (\d+)$/m),
      };
    };
    const before = await counted();

    await ingest.send(P.createFolder, createFolder([photo(['photo_selfie']), photo(['photo_id_front'])]));
    await ingest.refusal(P.addMedia, request(P.addMedia, { folder_id: randomUUID(), media: [photo(['photo_selfie'])] }));

    expect(await counted()).toEqual({ created: before.created + 1, uploaded: before.uploaded + 2, accepted: before.accepted + 1, refused: before.refused + 1 });
    expect(await ingest.metrics()).toMatch(/^process_resident_memory_bytes [1-9]/m);
  });

  it('folders.add_media appends MediaUploaded after the last version of the folder', async () => {
    const folder = await givenFolder();
    const selfie = photo(['photo_selfie']);

    const reply = await ingest.send(P.addMedia, request(P.addMedia, { folder_id: folder.folder_id, media: [selfie] }));

    expect(reply).toMatchObject({ folder_id: folder.folder_id, version: 5, events: [{ type: 'MediaUploaded', stream_version: 5 }] });
    const stream = await ingest.readStream(folder.folder_id);
    expect(stream[4]?.data).toMatchObject({ media_id: selfie.media_id, tags: ['photo_selfie'], blob: selfie.blob });
  });

  it('folders.submit_analysis_group appends AnalysisGroupSubmitted with the media each analysis takes', async () => {
    const folder = await givenFolder();
    const [selfieVideo, idFront] = folder.media;
    const quality = analysis('quality', { params: { threshold_spoofing: 0.5 } });
    const biometry = analysis('biometry');

    const reply = await ingest.send(
      P.submitAnalysisGroup,
      request(P.submitAnalysisGroup, { folder_id: folder.folder_id, group_id: randomUUID(), analyses: [quality, biometry] }),
    );

    expect(reply).toMatchObject({ version: 5, events: [{ type: 'AnalysisGroupSubmitted', stream_version: 5 }] });
    const submitted = (await ingest.readStream(folder.folder_id))[4];
    expect(submitted?.data).toMatchObject({
      analyses: [
        { analysis_id: quality.analysis_id, type: 'QUALITY', source_media_ids: [selfieVideo?.media_id] },
        { analysis_id: biometry.analysis_id, type: 'BIOMETRY', source_media_ids: [selfieVideo?.media_id, idFront?.media_id] },
      ],
    });
  });

  it('analyses.record_result from a SYSTEM worker appends AnalysisFinished', async () => {
    const folder = await givenFolder();
    const [quality] = await givenGroup(folder.folder_id, [analysis('quality')]);

    const reply = await ingest.send(P.recordAnalysisResult, recordResult(folder.folder_id, quality!.analysis_id, 'SUCCESS'));

    expect(reply).toMatchObject({ version: 6, events: [{ type: 'AnalysisFinished', stream_version: 6 }] });
    expect(await typesAndVersions(folder.folder_id)).toEqual([
      [1, 'FolderCreated'],
      [2, 'MediaUploaded'],
      [3, 'MediaUploaded'],
      [4, 'MediaUploaded'],
      [5, 'AnalysisGroupSubmitted'],
      [6, 'AnalysisFinished'],
    ]);
  });

  it('analyses.record_result for an analysis that already has its result records nothing', async () => {
    const folder = await givenFolder();
    const [quality] = await givenGroup(folder.folder_id, [analysis('quality')]);
    await ingest.send(P.recordAnalysisResult, recordResult(folder.folder_id, quality!.analysis_id, 'SUCCESS'));

    const again = await ingest.send(P.recordAnalysisResult, recordResult(folder.folder_id, quality!.analysis_id, 'SUCCESS'));

    expect(again).toEqual({ folder_id: folder.folder_id, version: 6, duplicate: false, events: [] });
    expect(await ingest.readStream(folder.folder_id)).toHaveLength(6);
  });

  it('analyses.resolve_by_operator from an OPERATOR appends AnalysisResolvedByOperator', async () => {
    const folder = await givenFolder();
    const [biometry] = await givenGroup(folder.folder_id, [analysis('biometry')]);
    await ingest.send(P.recordAnalysisResult, recordResult(folder.folder_id, biometry!.analysis_id, 'OPERATOR_REQUIRED'));

    const reply = await ingest.send(
      P.resolveAnalysisByOperator,
      request(
        P.resolveAnalysisByOperator,
        { folder_id: folder.folder_id, analysis_id: biometry!.analysis_id, resolution: 'SUCCESS', comment: 'same person, glasses' },
        actors.operator,
      ),
    );

    expect(reply).toMatchObject({ version: 7, events: [{ type: 'AnalysisResolvedByOperator', stream_version: 7 }] });
    const decided = (await ingest.readStream(folder.folder_id))[6];
    expect(decided?.data).toEqual({
      analysis_id: biometry!.analysis_id,
      operator_user_id: actors.operator.user_id,
      resolution: 'SUCCESS',
      comment: 'same person, glasses',
    });
    expect(decided?.metadata).toMatchObject({ user_id: actors.operator.user_id, company_id: folder.company_id });
  });

  it('folders.change_meta_data appends MetaDataChanged with the whole new object, and nothing for a change that changes nothing', async () => {
    const folder = await givenFolder();
    const [video] = folder.media;
    const merge = (meta_data: Record<string, unknown>) =>
      request(P.changeMetaData, { folder_id: folder.folder_id, target: { kind: 'FOLDER' }, change: { op: 'MERGE', meta_data } });

    const reply = await ingest.send(P.changeMetaData, merge({ client_iin: '880202400456' }));
    const onMedia = await ingest.send(
      P.changeMetaData,
      request(P.changeMetaData, { folder_id: folder.folder_id, target: { kind: 'MEDIA', media_id: video!.media_id }, change: { op: 'REPLACE', meta_data: { camera: 'front' } } }),
    );
    const again = await ingest.send(P.changeMetaData, merge({ client_iin: '880202400456' }));

    expect(reply).toMatchObject({ version: 5, events: [{ type: 'MetaDataChanged', stream_version: 5 }] });
    expect(onMedia).toMatchObject({ version: 6, events: [{ type: 'MetaDataChanged', stream_version: 6 }] });
    expect(again).toEqual({ folder_id: folder.folder_id, version: 6, duplicate: false, events: [] });
    const stream = await ingest.readStream(folder.folder_id);
    expect(stream.slice(4).map((e) => e.data)).toEqual([
      { target: 'FOLDER', target_id: folder.folder_id, meta_data: { applicant: 'A-1042', client_iin: '880202400456' } },
      { target: 'MEDIA', target_id: video!.media_id, meta_data: { camera: 'front' } },
    ]);
    expect(stream[4]?.metadata).toMatchObject({ user_id: actors.clientA.user_id, company_id: folder.company_id });
  });

  it('folders.change_meta_data from an OPERATOR is refused as AUTH FORBIDDEN, and nothing is written', async () => {
    const folder = await givenFolder();

    const error = await ingest.refusal(
      P.changeMetaData,
      request(P.changeMetaData, { folder_id: folder.folder_id, target: { kind: 'FOLDER' }, change: { op: 'DELETE', keys: null } }, actors.operator),
    );

    expect(error).toMatchObject({ error_code: 9 });
    expect(await ingest.readStream(folder.folder_id)).toHaveLength(4);
  });

  it('single request: the folder, its media and the analysis group are appended in one transaction', async () => {
    const group_id = randomUUID();
    const create = createFolder(kycMedia(), {
      analysis_group: {
        group_id,
        analyses: [analysis('quality'), analysis('biometry')],
        resolution_endpoint: 'https://kyc.example.com/hooks/oz',
      },
    });

    const reply = await ingest.send(P.createFolder, create);

    const stream = await ingest.readStream(create.data.folder_id);
    expect(stream.map((e) => [e.stream_version, e.type])).toEqual([
      [1, 'FolderCreated'],
      [2, 'MediaUploaded'],
      [3, 'MediaUploaded'],
      [4, 'MediaUploaded'],
      [5, 'AnalysisGroupSubmitted'],
    ]);
    expect(new Set(stream.map((e) => e.transaction_id)).size).toBe(1);
    expect(reply.version).toBe(5);
    expect(stream[4]?.data).toMatchObject({ group_id, resolution_endpoint: 'https://kyc.example.com/hooks/oz' });
  });
});
