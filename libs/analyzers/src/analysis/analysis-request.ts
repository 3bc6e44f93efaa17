import type { AnalysisType, FailedOutcome, FinishedOutcome, JsonObject } from '@forensics/domain';

/** One media as the worker hands it over: its bytes, read from the blob store. */
export type AnalysisMedia = Readonly<{ media_id: string; tags: readonly string[]; mime: string; bytes: Uint8Array }>;

/** What an analyzer is asked to do. */
export type AnalysisRequest = Readonly<{
  analysis_id: string;
  type: AnalysisType;
  params: JsonObject;
  /** The candidate media: the folder's, filtered here by the DESIGN.md §4 tag rule... */
  media: readonly AnalysisMedia[];
  /** ...unless the request named its media (`source_media`): then exactly these are used. */
  source_media_ids?: readonly string[];
}>;

/** A picture the analyzer made, for the worker to store; the outcome only refers to it by media_id. */
export type Artifact = Readonly<{ media_id: string; kind: 'best_shot'; mime: 'image/jpeg'; bytes: Buffer }>;

/** The outcome to record, plus the pictures to store before recording it. */
export type AnalyzerResult = Readonly<{ outcome: FinishedOutcome | FailedOutcome; artifacts: readonly Artifact[] }>;

/** What one analysis type concludes; the runner adds timing, model versions and failures. */
export type Findings = Readonly<{
  resolution: FinishedOutcome['resolution'];
  results_data: JsonObject;
  results_media: readonly JsonObject[];
  artifacts: readonly Artifact[];
}>;
