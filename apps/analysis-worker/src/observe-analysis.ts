import type { FailedOutcome, FinishedOutcome } from '@forensics/domain';
import { describeError, type Log } from '@forensics/observability';
import type { AnalysisJob } from './analysis-jobs';
import type { WorkerMetrics } from './worker-metrics';

type Outcome = FinishedOutcome | FailedOutcome;

/** How an outcome is counted: its resolution when it finished, else FAILED. */
export const outcomeLabel = (outcome: Outcome): string => (outcome.status === 'FINISHED' ? outcome.resolution : 'FAILED');

/**
 * Runs one analysis with a log line when it starts and one when its outcome is recorded, both
 * carrying the `correlation_id` of the request that submitted the group, and counts and times it.
 * An analysis that throws is not counted: nothing was recorded, and it runs again on redelivery.
 */
export async function observeAnalysis(job: AnalysisJob, correlationId: string | null, run: () => Promise<Outcome>, deps: Readonly<{ metrics: WorkerMetrics; log: Log }>): Promise<Outcome> {
  const fields = { correlation_id: correlationId, folder_id: job.folder_id, group_id: job.group_id, analysis_id: job.analysis_id, type: job.type };
  deps.log({ level: 'info', message: 'analysis started', ...fields });
  const timer = deps.metrics.duration.startTimer({ type: job.type });
  try {
    const outcome = await run();
    const seconds = timer();
    deps.metrics.analyses.inc({ type: job.type, outcome: outcomeLabel(outcome) });
    deps.log({
      level: 'info',
      message: 'analysis recorded',
      ...fields,
      status: outcome.status,
      resolution: outcome.status === 'FINISHED' ? outcome.resolution : null,
      error_code: outcome.status === 'FAILED' ? outcome.error_code : null,
      ms: Math.round(seconds * 1000),
      // The model's own share of `ms` (decoding, detection, liveness, best shot); the rest is I/O.
      model_ms: outcome.status === 'FINISHED' ? outcome.duration_ms : null,
    });
    return outcome;
  } catch (error) {
    deps.log({ level: 'error', message: 'analysis interrupted', ...fields, error: describeError(error) });
    throw error;
  }
}
