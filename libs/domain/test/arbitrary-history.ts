// Random but valid folder histories for property tests: every event comes out of `decide`, so a
// history is something the real system could have recorded.
import fc from 'fast-check';
import {
  type AnalysisResolution,
  type AnalysisType,
  type FolderCommand,
  type FolderEvent,
  type OperatorResolution,
  DomainError,
  decide,
  evolve,
  initialFolderState,
} from '../src';
import { actors, blob, commandMeta, COMPANY, CLIENT_USER, FOLDER } from './folder-history';

type Step =
  | { kind: 'submit'; types: AnalysisType[] }
  | { kind: 'result'; pick: number; outcome: AnalysisResolution | 'FAILED' }
  | { kind: 'operator'; pick: number; resolution: OperatorResolution };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    types: fc.array(fc.constantFrom<AnalysisType>('QUALITY', 'BIOMETRY', 'COLLECTION'), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('result' as const),
    pick: fc.nat(),
    outcome: fc.constantFrom<AnalysisResolution | 'FAILED'>('SUCCESS', 'DECLINED', 'OPERATOR_REQUIRED', 'FAILED'),
  }),
  fc.record({ kind: fc.constant('operator' as const), pick: fc.nat(), resolution: fc.constantFrom<OperatorResolution>('SUCCESS', 'DECLINED') }),
);

const createFolder: FolderCommand = {
  type: 'CreateFolder',
  data: {
    folder_id: FOLDER,
    company_id: COMPANY,
    user_id: CLIENT_USER,
    media: [
      { media_id: 'selfie', original_name: 's.mp4', media_type: 'VIDEO_FOLDER', tags: ['video_selfie'], blob: blob('a1', 'video/mp4') },
      { media_id: 'id-front', original_name: 'f.jpg', media_type: 'IMAGE_FOLDER', tags: ['photo_id_front'], blob: blob('b2') },
    ],
  },
  metadata: commandMeta(),
};

/** Turns a step into a command against the current state, or null when the step has no target. */
function commandFor(step: Step, index: number, events: readonly FolderEvent[]): FolderCommand | null {
  const state = events.reduce(evolve, initialFolderState());
  if (state.status !== 'existing') return null;
  if (step.kind === 'submit') {
    const analyses = step.types.map((type, n) => ({ analysis_id: `a${index}-${n}`, type }));
    return { type: 'SubmitAnalysisGroup', data: { folder_id: FOLDER, group_id: `g${index}`, analyses }, metadata: commandMeta() };
  }
  if (step.kind === 'result') {
    const running = state.analyses.filter((a) => a.state === 'PROCESSING');
    const target = running[step.pick % Math.max(running.length, 1)];
    if (!target) return null;
    // Liveness never asks for an operator; a worker would have declined instead.
    const outcome = target.type === 'QUALITY' && step.outcome === 'OPERATOR_REQUIRED' ? 'DECLINED' : step.outcome;
    const recorded =
      outcome === 'FAILED'
        ? { status: 'FAILED' as const, error_code: 0, error_message: 'broken media', attempts: 1 }
        : { status: 'FINISHED' as const, resolution: outcome, results_data: {}, results_media: [], model_versions: {}, duration_ms: 1 };
    return {
      type: 'RecordAnalysisResult',
      data: { folder_id: FOLDER, analysis_id: target.analysis_id, outcome: recorded },
      metadata: commandMeta(actors.worker),
    };
  }
  const waiting = state.analyses.filter((a) => a.resolution === 'OPERATOR_REQUIRED' && a.operator === null);
  const target = waiting[step.pick % Math.max(waiting.length, 1)];
  if (!target) return null;
  return {
    type: 'ResolveAnalysisByOperator',
    data: { folder_id: FOLDER, analysis_id: target.analysis_id, resolution: step.resolution },
    metadata: commandMeta(actors.operator),
  };
}

function historyOf(steps: readonly Step[]): FolderEvent[] {
  let events: FolderEvent[] = decide(createFolder, initialFolderState());
  steps.forEach((step, index) => {
    const command = commandFor(step, index, events);
    if (!command) return;
    try {
      events = [...events, ...decide(command, events.reduce(evolve, initialFolderState()))];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  });
  return events;
}

/** Valid folder histories: a folder with media, then groups submitted, finished and decided in any order. */
export const arbitraryHistory = (): fc.Arbitrary<FolderEvent[]> =>
  fc.array(stepArb, { minLength: 0, maxLength: 24 }).map(historyOf);
