import type { FinishedOutcome, JsonObject } from '@forensics/domain';
import { fixtureMedia } from '../../test/fixture-media';
import { createAnalyzer, type Analyzer } from '../analysis/analyzer';
import type { AnalysisMedia, AnalyzerResult } from '../analysis/analysis-request';
import { loadFaceEngine } from '../engine/load-face-engine';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = createAnalyzer(await loadFaceEngine());
});

const biometry = (media: AnalysisMedia[], params: JsonObject = {}): Promise<AnalyzerResult> => analyzer.analyze({ analysis_id: 'b-1', type: 'BIOMETRY', params, media });
const finished = ({ outcome }: AnalyzerResult): FinishedOutcome => {
  if (outcome.status !== 'FINISHED') throw new Error(`expected FINISHED, got ${JSON.stringify(outcome)}`);
  return outcome;
};
const astronaut = fixtureMedia('astronaut.png', ['photo_selfie']);
const astronautVideo = fixtureMedia('astronaut-selfie.mp4', ['video_selfie']);
const footballer = fixtureMedia('footballer.jpg', ['photo_id', 'photo_id_front']);
const minConfidence = (outcome: FinishedOutcome): number => (outcome.results_data as { min_confidence: number }).min_confidence;

describe('BIOMETRY (1:1 match) on the real models', () => {
  it('given astronaut.png and astronaut-selfie.mp4, then SUCCESS', async () => {
    const outcome = finished(await biometry([astronaut, astronautVideo]));
    expect(outcome.resolution).toBe('SUCCESS');
    expect(minConfidence(outcome)).toBeGreaterThanOrEqual(0.7);
    expect(outcome.results_data).toMatchObject({ pairs: [{ media_ids: ['astronaut.png', 'astronaut-selfie.mp4'] }] });
  });

  it('given astronaut.png and footballer.jpg, then DECLINED', async () => {
    const outcome = finished(await biometry([astronaut, footballer]));
    expect(outcome.resolution).toBe('DECLINED');
    expect(minConfidence(outcome)).toBeLessThan(0.6);
  });

  it('given a grey band around the cross-identity score and operator review on, then OPERATOR_REQUIRED; off, then DECLINED', async () => {
    const greyBand = { threshold_match: 0.6, grey_band_low: 0.3 };
    expect(finished(await biometry([astronaut, footballer], { ...greyBand, operator_review: true })).resolution).toBe('OPERATOR_REQUIRED');
    expect(finished(await biometry([astronaut, footballer], greyBand)).resolution).toBe('DECLINED');
  });

  it('given three media, then every pair is compared and the least similar pair decides', async () => {
    const outcome = finished(await biometry([astronaut, astronautVideo, footballer]));
    const { pairs, min_confidence, max_confidence } = outcome.results_data as { pairs: { confidence: number }[]; min_confidence: number; max_confidence: number };
    expect(pairs).toHaveLength(3);
    expect(min_confidence).toBe(Math.min(...pairs.map((p) => p.confidence)));
    expect(max_confidence).toBe(Math.max(...pairs.map((p) => p.confidence)));
    expect(outcome.resolution).toBe('DECLINED');
    expect(outcome.results_media).toHaveLength(3);
  });

  it('given cat-no-face.png as one of the media, then DECLINED with the no-face reason', async () => {
    const outcome = finished(await biometry([astronaut, fixtureMedia('cat-no-face.png', ['photo_selfie'])]));
    expect(outcome.resolution).toBe('DECLINED');
    expect(outcome.results_data).toEqual({ reason: 'no_face', media_id: 'cat-no-face.png' });
  });

  it('given truncated.mp4 as one of the media, then FAILED with error_code 4', async () => {
    const { outcome } = await biometry([astronaut, fixtureMedia('truncated.mp4', ['video_selfie'])]);
    expect(outcome).toMatchObject({ status: 'FAILED', error_code: 4, attempts: 1 });
  });

  it('given a photo_id_back, then it is left out, and one media left is refused', async () => {
    const { outcome } = await biometry([astronaut, fixtureMedia('footballer.jpg', ['photo_id', 'photo_id_back'])]);
    expect(outcome).toMatchObject({ status: 'FAILED', error_code: 4, error_message: 'BIOMETRY needs at least 2 media, got 1' });
  });
});
