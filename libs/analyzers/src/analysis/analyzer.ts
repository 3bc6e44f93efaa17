import type { FailedOutcome } from '@forensics/domain';
import { analyzeBiometry } from '../biometry/biometry.analyzer';
import type { FaceEngine } from '../engine/face-engine';
import { DecoderInterruptedError } from '../media/decoder-interrupted.error';
import { MediaDecodeError } from '../media/media-decode.error';
import { analyzeQuality } from '../quality/quality.analyzer';
import type { AnalysisRequest, AnalyzerResult, Findings } from './analysis-request';
import { AnalysisRequestError, FailureCode } from './failure-codes';
import { runWithRetries } from './run-with-retries';
import { selectMedia } from './select-media';

/** Media in, verdict and results out: what the worker calls for each analysis. */
export interface Analyzer {
  analyze(request: AnalysisRequest): Promise<AnalyzerResult>;
}

export type AnalyzerEngine = Pick<FaceEngine, 'detectForQuality' | 'detectForBiometry' | 'detectFaces' | 'modelVersions'>;

/** A crashed model is tried this many times in all before the analysis ends FAILED. */
export const MAX_ATTEMPTS = 3;

const isRetryable = (error: unknown): boolean => !(error instanceof MediaDecodeError || error instanceof AnalysisRequestError || error instanceof DecoderInterruptedError);

/** The analyzer for every analysis type this lib runs, on one loaded engine. */
export function createAnalyzer(engine: AnalyzerEngine, maxAttempts = MAX_ATTEMPTS): Analyzer {
  const findings = (request: AnalysisRequest): Promise<Findings> => {
    const media = selectMedia(request.type, request.media, request.source_media_ids);
    switch (request.type) {
      case 'QUALITY':
        return analyzeQuality(engine, media, request.params);
      case 'BIOMETRY':
        return analyzeBiometry(engine, media, request.params);
      case 'COLLECTION':
        throw new AnalysisRequestError(FailureCode.NOT_SUPPORTED, 'COLLECTION analyses are not supported yet');
      default: {
        const unknown: never = request.type;
        throw new AnalysisRequestError(FailureCode.NOT_SUPPORTED, `unknown analysis type ${String(unknown)}`);
      }
    }
  };
  return {
    async analyze(request) {
      const started = performance.now();
      const attempt = await runWithRetries(() => findings(request), maxAttempts, isRetryable);
      // An interrupted decoder is not an outcome: the caller runs the analysis again.
      if ('error' in attempt && attempt.error instanceof DecoderInterruptedError) throw attempt.error;
      if ('error' in attempt) return { outcome: failure(attempt.error, attempt.attempts), artifacts: [] };
      const { artifacts, ...verdict } = attempt.value;
      const duration_ms = Math.round(performance.now() - started);
      return { outcome: { status: 'FINISHED', ...verdict, model_versions: engine.modelVersions, duration_ms }, artifacts };
    },
  };
}

function failure(error: unknown, attempts: number): FailedOutcome {
  if (error instanceof MediaDecodeError) return { status: 'FAILED', error_code: FailureCode.MEDIA_UNDECODABLE, error_message: error.message, attempts };
  if (error instanceof AnalysisRequestError) return { status: 'FAILED', error_code: error.code, error_message: error.message, attempts };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'FAILED', error_code: FailureCode.MODEL_FAILED, error_message: `analysis failed after ${attempts} attempts: ${message}`, attempts };
}
