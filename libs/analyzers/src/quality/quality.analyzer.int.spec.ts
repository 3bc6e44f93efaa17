import type { FinishedOutcome } from '@forensics/domain';
import { fixtureMedia } from '../../test/fixture-media';
import { createAnalyzer, type Analyzer } from '../analysis/analyzer';
import type { AnalysisMedia, AnalyzerResult } from '../analysis/analysis-request';
import type { FaceEngine } from '../engine/face-engine';
import { loadFaceEngine } from '../engine/load-face-engine';
import { decodeImage } from '../media/decode-image';

// Real models on the real fixtures; one engine for the whole file (loading takes about a second).
let engine: FaceEngine;
let analyzer: Analyzer;
beforeAll(async () => {
  engine = await loadFaceEngine();
  analyzer = createAnalyzer(engine);
});

const quality = (media: AnalysisMedia[], params = {}): Promise<AnalyzerResult> => analyzer.analyze({ analysis_id: 'a-1', type: 'QUALITY', params, media });
const finished = (result: AnalyzerResult): FinishedOutcome => {
  if (result.outcome.status !== 'FINISHED') throw new Error(`expected FINISHED, got ${JSON.stringify(result.outcome)}`);
  return result.outcome;
};

describe('QUALITY (liveness) on the real models', () => {
  it('given astronaut-selfie.mp4 tagged video_selfie, then a confidence_spoofing in 0..1 and a best shot that decodes to one face', async () => {
    const result = await quality([fixtureMedia('astronaut-selfie.mp4', ['video_selfie', 'video_selfie_blank'])]);
    const outcome = finished(result);
    const [media] = outcome.results_media;
    const score = (media?.['results_data'] as { confidence_spoofing: number }).confidence_spoofing;
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(media).toMatchObject({ source_media_id: 'astronaut-selfie.mp4', results_data: { frames_analysed: 5 } });
    expect(outcome.model_versions).toMatchObject({ human: '3.3.6', tfjs: '4.22.0' });

    expect(result.artifacts).toHaveLength(1);
    const [shot] = result.artifacts;
    expect(shot).toMatchObject({ media_id: 'astronaut-selfie.mp4', kind: 'best_shot', mime: 'image/jpeg' });
    const picture = await decodeImage(shot!.bytes);
    expect(await engine.detectFaces(picture)).toHaveLength(1);
  });

  it('given the footballer photo tagged photo_selfie, then it scores below the default threshold: SUCCESS', async () => {
    const outcome = finished(await quality([fixtureMedia('footballer.jpg', ['photo_selfie'])]));
    expect(outcome.resolution).toBe('SUCCESS');
    expect(outcome.results_data).toMatchObject({ threshold_spoofing: 0.5 });
  });

  it('given a low-scoring and a high-scoring media, then the worst one decides: DECLINED', async () => {
    const outcome = finished(await quality([fixtureMedia('footballer.jpg', ['photo_selfie']), fixtureMedia('astronaut.png', ['photo_selfie'])]));
    expect(outcome.resolution).toBe('DECLINED');
    const scores = outcome.results_media.map((m) => (m['results_data'] as { confidence_spoofing: number }).confidence_spoofing);
    expect(outcome.results_data).toMatchObject({ confidence_spoofing: Math.max(...scores) });
  });

  it('given extract_best_shot false, then no picture is made', async () => {
    const result = await quality([fixtureMedia('footballer.jpg', ['photo_selfie'])], { extract_best_shot: false });
    expect(finished(result).resolution).toBe('SUCCESS');
    expect(result.artifacts).toEqual([]);
  });

  it('given cat-no-face.png, then DECLINED with the no-face reason and the media named', async () => {
    const outcome = finished(await quality([fixtureMedia('cat-no-face.png', ['photo_selfie'])]));
    expect(outcome.resolution).toBe('DECLINED');
    expect(outcome.results_data).toEqual({ reason: 'no_face', media_id: 'cat-no-face.png' });
  });

  it('given an ID photo next to the selfie, then QUALITY ignores the ID photo', async () => {
    const outcome = finished(await quality([fixtureMedia('cat-no-face.png', ['photo_id', 'photo_id_front']), fixtureMedia('footballer.jpg', ['photo_selfie'])]));
    expect(outcome.results_media.map((m) => m['source_media_id'])).toEqual(['footballer.jpg']);
  });

  it.each(['truncated.mp4', 'not-media.jpg'])('given %s, then FAILED with error_code 4 after one attempt', async (file) => {
    const { outcome } = await quality([fixtureMedia(file, ['video_selfie'])]);
    expect(outcome).toMatchObject({ status: 'FAILED', error_code: 4, attempts: 1 });
    expect(outcome.status === 'FAILED' && outcome.error_message).toMatch(/cannot be decoded/);
  });
});
