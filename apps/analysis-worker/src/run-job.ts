import { randomUUID } from 'node:crypto';
import type { AnalysisRequest, AnalyzerResult, Artifact } from '@forensics/analyzers';
import { BlobNotFoundError, type BlobStore } from '@forensics/blob-store';
import { decide, DomainError, evolve, type FailedOutcome, type FinishedOutcome, initialFolderState, type JsonObject, OzErrorCode } from '@forensics/domain';
import { handleCommand, type KnownEvent, type PostgresEventStore } from '@forensics/event-store';
import type { AnalysisJob } from './analysis-jobs';

export type JobDependencies = Readonly<{
  eventStore: PostgresEventStore;
  blobs: BlobStore;
  analyze: (request: AnalysisRequest) => Promise<AnalyzerResult>;
  /** Where best shots are served: `${base}/${sha256}` (the gateway serves stored blobs there). */
  outputUrlBase: string;
  now: () => string;
}>;

/**
 * The folder's stream as this worker last saw it: consumed or read when the group's message came,
 * and grown by each outcome recorded since. Recording decides on it without reading the stream again; an
 * outcome recorded meanwhile by someone else fails the append, and the retry reads.
 */
export type KnownStream = { events: readonly (KnownEvent & Readonly<{ stream_version: number }>)[] };

const folderDecider = { decide: (command: Parameters<typeof decide>[0], state: ReturnType<typeof initialFolderState>) => decide(command, state), evolve, initialState: initialFolderState };

/**
 * Runs one analysis and records its outcome: the media's bytes from the blob store, the
 * analyzer, the pictures it made stored as blobs (their URLs in `results_media[].output_images`),
 * then `RecordAnalysisResult` through the event store. The idempotency key is the analysis, so
 * two workers that both ran it (a rebalance, a redelivery) record one outcome.
 */
export async function runJob(job: AnalysisJob, correlationId: string | null, deps: JobDependencies, known: KnownStream): Promise<FinishedOutcome | FailedOutcome> {
  const outcome = await analyzeStored(job, deps);
  try {
    await record(job, outcome, correlationId, deps, known);
    return outcome;
  } catch (error) {
    if (!(error instanceof DomainError) || outcome.status === 'FAILED') throw error;
    // The folder's rules refused the result (an analyzer bug: a verdict the rules do not allow).
    // It would be refused again on every retry and the analysis would stay PROCESSING for ever:
    // it ends FAILED instead, with the reason.
    const failed: FailedOutcome = { status: 'FAILED', error_code: OzErrorCode.UNKNOWN, error_message: `The analysis produced a result its folder refused: ${error.message}`, attempts: 1 };
    await record(job, failed, correlationId, deps, known);
    return failed;
  }
}

async function record(job: AnalysisJob, outcome: FinishedOutcome | FailedOutcome, correlationId: string | null, deps: JobDependencies, known: KnownStream): Promise<void> {
  const result = await handleCommand(
    deps.eventStore,
    folderDecider,
    job.folder_id,
    {
      type: 'RecordAnalysisResult',
      data: { folder_id: job.folder_id, analysis_id: job.analysis_id, outcome },
      metadata: { now: deps.now(), actor: { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' }, correlation_id: correlationId ?? randomUUID() },
    },
    { idempotencyKey: JSON.stringify(['analysis-result', job.folder_id, job.analysis_id]), newEventId: randomUUID, schemaVersion: 1, knownHistory: known.events },
  );
  const last = known.events[known.events.length - 1]?.stream_version ?? 0;
  // Only events that follow on: after a retry that read the stream, or a duplicate, the next record reads again if it must.
  if (!result.duplicate && result.events[0]?.stream_version === last + 1) known.events = [...known.events, ...result.events];
}

async function analyzeStored(job: AnalysisJob, deps: JobDependencies): Promise<FinishedOutcome | FailedOutcome> {
  let request: AnalysisRequest;
  try {
    request = {
      analysis_id: job.analysis_id,
      type: job.type,
      params: job.params,
      media: await Promise.all(job.media.map(async (m) => ({ media_id: m.media_id, tags: m.tags, mime: m.blob.mime, bytes: await deps.blobs.readBuffer(m.blob.sha256) }))),
      // The stream assigned the media when the group was submitted: use exactly those.
      source_media_ids: job.media.map((m) => m.media_id),
    };
  } catch (error) {
    // The event says the file was stored; without it the analysis cannot run, now or later.
    if (error instanceof BlobNotFoundError) return { status: 'FAILED', error_code: OzErrorCode.NOT_EXIST, error_message: `A media file is missing from the blob store: ${error.message}`, attempts: 1 };
    throw error;
  }
  const { outcome, artifacts } = await deps.analyze(request);
  if (outcome.status === 'FAILED' || artifacts.length === 0) return outcome;
  const urls = await storeArtifacts(artifacts, deps);
  return { ...outcome, results_media: outcome.results_media.map((entry) => withOutputImages(entry, urls)) };
}

async function storeArtifacts(artifacts: readonly Artifact[], deps: JobDependencies): Promise<Map<string, JsonObject[]>> {
  const byMedia = new Map<string, JsonObject[]>();
  for (const artifact of artifacts) {
    const stored = await deps.blobs.put(artifact.bytes);
    const image: JsonObject = { original_url: `${deps.outputUrlBase}/${stored.sha256}`, sha256: stored.sha256, mime: stored.mime, kind: artifact.kind };
    byMedia.set(artifact.media_id, [...(byMedia.get(artifact.media_id) ?? []), image]);
  }
  return byMedia;
}

/** A `results_media` entry names its media as `source_media_id` (or `media_id`). */
function withOutputImages(entry: JsonObject, urls: ReadonlyMap<string, JsonObject[]>): JsonObject {
  const mediaId = entry['source_media_id'] ?? entry['media_id'];
  const images = typeof mediaId === 'string' ? urls.get(mediaId) : undefined;
  return images ? { ...entry, output_images: images } : entry;
}
