// The single request end to end: every service as its own process, a selfie video in one
// multipart call, and the finished folder in the answer, in the shape of the seed's example.
import { startSystem, fixture, uploadForm } from '../test/system-harness';

jest.setTimeout(180_000);

describe('single request (POST /api/folders/ with analyses)', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let client: { token: string; companyId: string; userId: string };

  beforeAll(async () => {
    system = await startSystem();
    client = await system.companyUser(await system.adminToken(), 'CLIENT');
  }, 180_000);

  afterAll(() => system?.close());

  it('given a selfie video with a QUALITY analysis, then the answer is the finished folder with its liveness score and best shot, in the seed shape', async () => {
    const payload = {
      'folder:meta_data': { partner_side_folder_id: 'p-1', person_info: { first_name: 'John', last_name: 'Doe' } },
      'media:meta_data': { video1: { foo: 'bar' } },
      'media:tags': { video1: ['video_selfie', 'video_selfie_eyes', 'orientation_portrait'] },
      analyses: [{ type: 'quality', meta_data: { example1: 'some_example1' }, params: { extract_best_shot: true } }],
    };
    const started = Date.now();
    const { status, body } = await system.api('POST', '/api/folders/', {
      token: client.token,
      form: uploadForm({ video1: { name: 'selfie.mp4', bytes: fixture('astronaut-selfie.mp4'), type: 'video/mp4' } }, payload),
    });
    expect({ status, error: status === 201 ? null : body }).toEqual({ status: 201, error: null });
    expect(Date.now() - started).toBeLessThan(60_000);

    expect(Object.keys(body).sort()).toEqual(
      ['analyses', 'company_id', 'folder_id', 'media', 'meta_data', 'resolution_comment', 'resolution_endpoint', 'resolution_status', 'system_resolution', 'time_created', 'time_updated', 'user_id'].sort(),
    );
    expect(body).toMatchObject({
      company_id: client.companyId,
      user_id: client.userId,
      resolution_endpoint: null,
      resolution_status: 'FINISHED',
      resolution_comment: '[]',
      meta_data: payload['folder:meta_data'],
    });
    expect(['SUCCESS', 'DECLINED']).toContain(body.system_resolution);
    expect(typeof body.time_created).toBe('number');

    const [media] = body.media;
    expect(media).toMatchObject({ original_name: 'selfie.mp4', media_type: 'VIDEO_FOLDER', tags: payload['media:tags'].video1, meta_data: { foo: 'bar' }, info: {}, thumb_url: null });
    expect(media.image_id).toBe(media.media_id);

    const [analysis] = body.analyses;
    expect(analysis).toMatchObject({
      type: 'QUALITY',
      state: 'FINISHED',
      folder_id: body.folder_id,
      analyse_id: analysis.analysis_id,
      meta_data: { example1: 'some_example1' },
      error_code: null,
      error_message: null,
      resolution_operator: null,
    });
    expect(analysis.resolution).toBe(analysis.resolution_status);
    expect(analysis.resolution_status).toBe(body.system_resolution);
    expect(analysis.source_media.map((m: { media_id: string }) => m.media_id)).toEqual([media.media_id]);
    const [result] = analysis.results_media;
    // Matched to its input as Oz integrations do (by source_video_id for a video).
    expect({ source_media_id: result.source_media_id, source_video_id: result.source_video_id }).toEqual({ source_media_id: media.media_id, source_video_id: media.media_id });
    expect(result.results_data.confidence_spoofing).toBeGreaterThanOrEqual(0);
    expect(result.results_data.confidence_spoofing).toBeLessThanOrEqual(1);

    // The best shot is served, to this client, as a JPEG.
    const [bestShot] = result.output_images;
    expect(bestShot.original_url).toMatch(new RegExp(`^${system.baseUrl}/api/output-images/[0-9a-f]{64}$`));
    const image = await fetch(bestShot.original_url, { headers: { 'X-Forensic-Access-Token': client.token } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    // The original file is served back byte for byte.
    const original = await fetch(media.original_url, { headers: { 'X-Forensic-Access-Token': client.token } });
    expect(Buffer.from(await original.arrayBuffer())).toEqual(fixture('astronaut-selfie.mp4'));
  });

  it('given a group that takes longer than the configured wait, then the answer is the folder as it stands, PROCESSING', async () => {
    const impatient = await startSystem({ singleRequestTimeoutMs: 1 });
    try {
      const user = await impatient.companyUser(await impatient.adminToken(), 'CLIENT');
      const { status, body } = await impatient.api('POST', '/api/folders/', {
        token: user.token,
        form: uploadForm({ video1: { name: 'selfie.mp4', bytes: fixture('astronaut-selfie.mp4') } }, { 'media:tags': { video1: ['video_selfie'] }, analyses: [{ type: 'quality' }] }),
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({ resolution_status: 'PROCESSING', system_resolution: 'PROCESSING' });
      expect(body.analyses[0]).toMatchObject({ state: 'PROCESSING', resolution_status: 'PROCESSING' });
    } finally {
      await impatient.close();
    }
  });
});
