// Folder histories for property tests. Every event comes out of the domain's `decide`, so a
// history is one the real system could record; a "stray" step adds a second result for a
// finished analysis, history that does not fit and that the fold must ignore like `evolve` does.
// A "meta" step changes the metadata of the folder, a media or an analysis.
import fc from 'fast-check';
import {
  type Actor,
  type AnalysisResolution,
  type AnalysisType,
  type FolderCommand,
  type FolderEvent,
  type MetaDataChange,
  type MetaDataTarget,
  type OperatorResolution,
  DomainError,
  decide,
  evolveAll,
  initialFolderState,
} from '@forensics/domain';
import type { FolderEnvelope } from '../src';

export const FOLDER = 'folder-1';
const COMPANY = 'company-a';
const T0 = Date.parse('2026-11-22T10:00:00.000Z');

const actors = {
  client: { user_id: 'user-client', company_id: COMPANY, role: 'CLIENT' },
  worker: { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' },
  operator: { user_id: 'user-operator', company_id: null, role: 'OPERATOR' },
} as const satisfies Record<string, Actor>;

type Step =
  | { kind: 'upload'; tags: string[] }
  | { kind: 'submit'; types: AnalysisType[] }
  | { kind: 'result'; pick: number; outcome: AnalysisResolution | 'FAILED' }
  | { kind: 'operator'; pick: number; resolution: OperatorResolution }
  | { kind: 'stray'; pick: number }
  | { kind: 'meta'; pick: number; op: 'REPLACE' | 'MERGE' | 'DELETE'; key: string; value: number; place: number };

// Results come more often than requests, so that most groups finish and several can finish in turn.
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('upload' as const), tags: fc.subarray(['video_selfie', 'photo_selfie', 'photo_id_front', 'photo_id_back']) }),
  fc.record({ kind: fc.constant('submit' as const), types: fc.array(fc.constantFrom<AnalysisType>('QUALITY', 'BIOMETRY', 'COLLECTION'), { minLength: 1, maxLength: 3 }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('result' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom<AnalysisResolution | 'FAILED'>('SUCCESS', 'DECLINED', 'OPERATOR_REQUIRED', 'FAILED'),
    }),
  },
  fc.record({ kind: fc.constant('operator' as const), pick: fc.nat(), resolution: fc.constantFrom<OperatorResolution>('SUCCESS', 'DECLINED') }),
  fc.record({ kind: fc.constant('stray' as const), pick: fc.nat() }),
);

/** Metadata changes, each with the place among the other steps where it happens. */
const metaDataStepArb = fc.record({
  kind: fc.constant('meta' as const),
  pick: fc.nat(),
  op: fc.constantFrom<'REPLACE' | 'MERGE' | 'DELETE'>('REPLACE', 'MERGE', 'DELETE'),
  key: fc.constantFrom('a', 'b', 'partner_side_folder_id'),
  value: fc.nat({ max: 3 }),
  place: fc.nat(),
});

const meta = (actor: Actor, step: number) => ({ now: new Date(T0 + step * 1000).toISOString(), actor, correlation_id: `request-${step}` });
const blob = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), size: 1000 + n, mime: 'image/jpeg' });
const media = (id: string, tags: string[], n: number) => ({ media_id: id, original_name: `${id}.jpg`, media_type: 'IMAGE_FOLDER' as const, tags, blob: blob(n) });

const createFolder = (): FolderCommand => ({
  type: 'CreateFolder',
  data: {
    folder_id: FOLDER,
    company_id: COMPANY,
    user_id: actors.client.user_id,
    meta_data: { partner_side_folder_id: 'p-1' },
    media: [media('selfie', ['photo_selfie'], 1), media('id-front', ['photo_id_front'], 2)],
  },
  metadata: meta(actors.client, 0),
});

/** The events one step appends to a history: a command's decision, a stray copy, or nothing. */
function eventsFor(step: Step, index: number, history: readonly FolderEvent[]): FolderEvent[] {
  const state = evolveAll(initialFolderState(), history);
  if (state.status !== 'existing') return [];
  const at = index + 1;
  if (step.kind === 'stray') {
    const results = history.filter((e) => e.type === 'AnalysisFinished' || e.type === 'AnalysisFailed');
    const copied = results[step.pick % Math.max(results.length, 1)];
    return copied ? [{ ...copied, metadata: { ...copied.metadata, occurred_at: new Date(T0 + at * 1000).toISOString() } }] : [];
  }
  const command = step.kind === 'meta' ? metaDataCommand(step, at, state) : commandFor(step, at, state.analyses);
  if (!command) return [];
  try {
    return decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return [];
    throw error;
  }
}

type Existing = Extract<ReturnType<typeof initialFolderState>, { status: 'existing' }>;
type Analyses = Existing['analyses'];

/** A client changes the metadata of the folder, one of its media or one of its analyses. */
function metaDataCommand(step: Extract<Step, { kind: 'meta' }>, at: number, state: Existing): FolderCommand {
  const targets: MetaDataTarget[] = [
    { kind: 'FOLDER' },
    ...state.media.map((m): MetaDataTarget => ({ kind: 'MEDIA', media_id: m.media_id })),
    ...state.analyses.map((a): MetaDataTarget => ({ kind: 'ANALYSIS', analysis_id: a.analysis_id })),
  ];
  const target = targets[step.pick % targets.length] as MetaDataTarget;
  const change: MetaDataChange = step.op === 'DELETE' ? { op: 'DELETE', keys: [step.key] } : { op: step.op, meta_data: { [step.key]: step.value } };
  return { type: 'ChangeMetaData', data: { folder_id: FOLDER, target, change }, metadata: meta(actors.client, at) };
}

function commandFor(step: Exclude<Step, { kind: 'stray' | 'meta' }>, at: number, analyses: Analyses): FolderCommand | null {
  if (step.kind === 'upload') {
    return { type: 'AddMedia', data: { folder_id: FOLDER, media: [media(`m${at}`, step.tags, at + 2)] }, metadata: meta(actors.client, at) };
  }
  if (step.kind === 'submit') {
    const requested = step.types.map((type, n) => ({ analysis_id: `a${at}-${n}`, type }));
    return { type: 'SubmitAnalysisGroup', data: { folder_id: FOLDER, group_id: `g${at}`, analyses: requested }, metadata: meta(actors.client, at) };
  }
  if (step.kind === 'result') {
    const running = analyses.filter((a) => a.state === 'PROCESSING');
    const target = running[step.pick % Math.max(running.length, 1)];
    if (!target) return null;
    // Liveness never asks for an operator; a worker would have declined instead.
    const outcome = target.type === 'QUALITY' && step.outcome === 'OPERATOR_REQUIRED' ? 'DECLINED' : step.outcome;
    const recorded =
      outcome === 'FAILED'
        ? { status: 'FAILED' as const, error_code: 3, error_message: 'media cannot be decoded', attempts: 2 }
        : {
            status: 'FINISHED' as const,
            resolution: outcome,
            results_data: { score: at / 100 },
            results_media: [{ n: at }],
            model_versions: { m: '1' },
            duration_ms: at,
          };
    return {
      type: 'RecordAnalysisResult',
      data: { folder_id: FOLDER, analysis_id: target.analysis_id, outcome: recorded },
      metadata: meta(actors.worker, at),
    };
  }
  const waiting = analyses.filter((a) => a.resolution === 'OPERATOR_REQUIRED' && a.operator === null);
  const target = waiting[step.pick % Math.max(waiting.length, 1)];
  if (!target) return null;
  return {
    type: 'ResolveAnalysisByOperator',
    data: { folder_id: FOLDER, analysis_id: target.analysis_id, resolution: step.resolution, comment: `decided at ${at}` },
    metadata: meta(actors.operator, at),
  };
}

/** A domain event as the topic carries it, at a stream version. */
export function toEnvelope(event: FolderEvent, stream_version: number, stream_id = FOLDER): FolderEnvelope {
  return {
    event_id: `${stream_id}-event-${stream_version}`,
    type: event.type,
    schema_version: 1,
    stream_id,
    stream_version,
    global_position: 1000 + stream_version,
    occurred_at: event.metadata.occurred_at,
    recorded_at: event.metadata.occurred_at,
    company_id: event.metadata.company_id,
    user_id: event.metadata.user_id,
    correlation_id: event.metadata.correlation_id,
    causation_id: event.metadata.causation_id ?? null,
    data: event.data,
  } as FolderEnvelope;
}

function historyOf(steps: readonly Step[]): FolderEnvelope[] {
  let events = decide(createFolder(), initialFolderState());
  steps.forEach((step, index) => (events = [...events, ...eventsFor(step, index, events)]));
  return events.map((event, index) => toEnvelope(event, index + 1));
}

/** Valid folder histories as envelopes, versions 1..n: media added, groups submitted, finished and decided in any order. */
export const arbitraryHistory = (): fc.Arbitrary<FolderEnvelope[]> =>
  // The metadata steps are drawn after the others and slotted in, so the rest of each history is
  // the one the plain steps alone would give.
  fc.tuple(fc.array(stepArb, { maxLength: 24 }), fc.array(metaDataStepArb, { maxLength: 4 })).map(([steps, metaDataSteps]) => historyOf(interleaved(steps, metaDataSteps)));

function interleaved(steps: readonly Step[], metaDataSteps: readonly Extract<Step, { kind: 'meta' }>[]): Step[] {
  const all = [...steps];
  for (const step of metaDataSteps) all.splice(step.place % (all.length + 1), 0, step);
  return all;
}
