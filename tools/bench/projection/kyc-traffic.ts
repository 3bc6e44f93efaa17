// KYC folder histories for the projection benchmark, every event decided by the domain. A folder
// is created with a selfie video, the ID front (half the time the back too) and a group of
// QUALITY + BIOMETRY: one append of 4-5 events. Each analysis reports 1-3 s later (some fail),
// and an operator settles most BIOMETRY results that ask for one 5-30 s after they arrive. The
// commands of many folders interleave in time, as they do in production.
import { createHash, randomUUID } from 'node:crypto';
import { type Actor, type FolderCommand, type FolderState, decide, evolveAll, initialFolderState } from '@forensics/domain';
import type { NewEvent } from '@forensics/event-store';

/** An event as the benchmark appends it: the stream and version are planned, not read. */
export type PlannedEvent = NewEvent & Readonly<{ stream_id: string; stream_version: number }>;

/** What one command appends, at the time it is due (ms after the traffic starts). */
export type PlannedAppend = Readonly<{ atMs: number; folderId: string; events: readonly PlannedEvent[] }>;

export type TrafficPlan = Readonly<{ appends: readonly PlannedAppend[]; events: number; folders: number }>;

type Outcome = 'SUCCESS' | 'DECLINED' | 'OPERATOR_REQUIRED' | 'FAILED';
type PlannedCommand = { atMs: number; folderId: string; command: FolderCommand };

const company = 'company-bench';
const client: Actor = { user_id: 'user-bench', company_id: company, role: 'CLIENT' };
const worker: Actor = { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' };
const operator: Actor = { user_id: 'operator-bench', company_id: null, role: 'OPERATOR' };

/** A small seeded generator (mulberry32), so that two runs fold the same kind of histories. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = (random: () => number, weights: readonly (readonly [Outcome, number])[]): Outcome => {
  let roll = random();
  for (const [outcome, weight] of weights) if ((roll -= weight) < 0) return outcome;
  return weights[weights.length - 1]?.[0] ?? 'SUCCESS';
};

const QUALITY_OUTCOMES = [['SUCCESS', 0.8], ['DECLINED', 0.12], ['FAILED', 0.08]] as const;
const BIOMETRY_OUTCOMES = [['SUCCESS', 0.7], ['DECLINED', 0.08], ['OPERATOR_REQUIRED', 0.17], ['FAILED', 0.05]] as const;

/**
 * Plans folders created at `foldersPerS` until `events` events are planned, with each folder's
 * later commands at their own times; then decides every command in time order.
 * `startEpochMs` is the wall-clock time of `atMs = 0`, the events' `occurred_at`.
 */
export function planKycTraffic({ events, foldersPerS, startEpochMs, seed }: { events: number; foldersPerS: number; startEpochMs: number; seed: number }): TrafficPlan {
  const random = seededRandom(seed);
  const commands: PlannedCommand[] = [];
  let planned = 0;
  let folders = 0;
  while (planned < events) {
    const atMs = (folders * 1000) / foldersPerS;
    planned += planFolder(random, atMs, startEpochMs, commands);
    folders += 1;
  }
  commands.sort((a, b) => a.atMs - b.atMs);
  const appends = decideInOrder(commands);
  return { appends, events: appends.reduce((sum, a) => sum + a.events.length, 0), folders };
}

function planFolder(random: () => number, createdMs: number, startEpochMs: number, commands: PlannedCommand[]): number {
  const folderId = randomUUID();
  const meta = (actor: Actor, atMs: number) => ({ now: new Date(startEpochMs + atMs).toISOString(), actor, correlation_id: randomUUID() });
  const withBack = random() < 0.5;
  const quality = randomUUID();
  const biometry = randomUUID();
  const media = [
    mediaInput('selfie.mp4', ['video_selfie', 'video_selfie_blank'], true),
    mediaInput('id-front.jpg', ['photo_id', 'photo_id_front'], false),
    ...(withBack ? [mediaInput('id-back.jpg', ['photo_id_back'], false)] : []),
  ];
  commands.push({
    atMs: createdMs,
    folderId,
    command: {
      type: 'CreateFolder',
      data: {
        folder_id: folderId,
        company_id: company,
        user_id: client.user_id,
        meta_data: { transaction_id: randomUUID(), channel: 'mobile-sdk', sdk_version: '8.4.1' },
        media,
        analysis_group: {
          group_id: randomUUID(),
          analyses: [
            { analysis_id: quality, type: 'quality', params: { threshold_spoofing: 0.5, extract_best_shot: true } },
            { analysis_id: biometry, type: 'biometry' },
          ],
        },
      },
      metadata: meta(client, createdMs),
    },
  });
  let events = 2 + media.length;
  let lastResultMs = createdMs;
  for (const [analysisId, outcomes] of [[quality, QUALITY_OUTCOMES], [biometry, BIOMETRY_OUTCOMES]] as const) {
    const outcome = pick(random, outcomes);
    const atMs = createdMs + 1000 + random() * 2000;
    lastResultMs = Math.max(lastResultMs, atMs);
    commands.push({ atMs, folderId, command: resultCommand(folderId, analysisId, outcome, random, meta(worker, atMs)) });
    events += 1;
    if (outcome === 'OPERATOR_REQUIRED' && random() < 0.85) {
      const decidedMs = Math.max(atMs, lastResultMs) + 5000 + random() * 25_000;
      const resolution = random() < 0.7 ? 'SUCCESS' : 'DECLINED';
      commands.push({
        atMs: decidedMs,
        folderId,
        command: { type: 'ResolveAnalysisByOperator', data: { folder_id: folderId, analysis_id: analysisId, resolution, comment: `checked against the ID (${resolution.toLowerCase()})` }, metadata: meta(operator, decidedMs) },
      });
      events += 1;
    }
  }
  return events;
}

function mediaInput(original_name: string, tags: string[], video: boolean) {
  const media_id = randomUUID();
  return {
    media_id,
    original_name,
    media_type: video ? ('VIDEO_FOLDER' as const) : ('IMAGE_FOLDER' as const),
    tags,
    meta_data: { device: 'android', captured_by: 'sdk' },
    blob: { sha256: createHash('sha256').update(media_id).digest('hex'), size: video ? 2_400_000 : 310_000, mime: video ? 'video/mp4' : 'image/jpeg' },
  };
}

function resultCommand(folderId: string, analysisId: string, outcome: Outcome, random: () => number, metadata: FolderCommand['metadata']): FolderCommand {
  if (outcome === 'FAILED') {
    return {
      type: 'RecordAnalysisResult',
      data: { folder_id: folderId, analysis_id: analysisId, outcome: { status: 'FAILED', error_code: 11, error_message: 'cannot decode the video', attempts: 3 } },
      metadata,
    };
  }
  const confidence = Math.round(random() * 1000) / 1000;
  return {
    type: 'RecordAnalysisResult',
    data: {
      folder_id: folderId,
      analysis_id: analysisId,
      outcome: {
        status: 'FINISHED',
        resolution: outcome,
        results_data: { confidence_spoofing: confidence, max_confidence: 1 - confidence, best_frame: Math.floor(random() * 90) },
        results_media: [{ source_media_id: folderId, output_images: [], results_data: { confidence_spoofing: confidence } }],
        model_versions: { liveness: '7.2.0', face_detector: '3.3.6' },
        duration_ms: 800 + Math.floor(random() * 2400),
      },
    },
    metadata,
  };
}

function decideInOrder(commands: readonly PlannedCommand[]): PlannedAppend[] {
  const states = new Map<string, { state: FolderState; version: number }>();
  const appends: PlannedAppend[] = [];
  for (const { atMs, folderId, command } of commands) {
    const current = states.get(folderId) ?? { state: initialFolderState(), version: 0 };
    const decided = decide(command, current.state);
    const events = decided.map((event, index): PlannedEvent => ({
      event_id: randomUUID(),
      stream_id: folderId,
      stream_version: current.version + index + 1,
      type: event.type,
      schema_version: 1,
      data: event.data,
      metadata: event.metadata,
    }));
    states.set(folderId, { state: evolveAll(current.state, decided), version: current.version + events.length });
    if (events.length > 0) appends.push({ atMs, folderId, events });
  }
  return appends;
}
