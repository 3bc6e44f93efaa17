// The commands of one KYC check as the gateway and a worker send them: a single request that
// creates the folder with a selfie video, both sides of an ID and a group of two analyses (5
// events in one append), then the worker's two results (1 event each): 3 commands, 7 events.
import { createHash, randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { INGEST_PATTERNS, type IngestReply } from '@forensics/contracts';

const company = randomUUID();
const client = { user_id: randomUUID(), company_id: company, role: 'CLIENT' } as const;
const worker = { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' } as const;
const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');

const media = (tags: string[], video: boolean) => {
  const media_id = randomUUID();
  return {
    media_id,
    original_name: video ? 'selfie.mp4' : 'id.jpg',
    media_type: video ? 'VIDEO_FOLDER' : 'IMAGE_FOLDER',
    tags,
    meta_data: {},
    blob: { sha256: sha(media_id), size: 250_000, mime: video ? 'video/mp4' : 'image/jpeg' },
  };
};

const send = (ingest: ClientProxy, pattern: string, data: object, actor: object): Promise<IngestReply> =>
  firstValueFrom(ingest.send<IngestReply>(pattern, { data, metadata: { actor, correlation_id: randomUUID() } }));

/** Runs one check through ingest; says how many commands it sent and events it appended. */
export async function oneCheck(ingest: ClientProxy): Promise<{ commands: number; events: number }> {
  const folder_id = randomUUID();
  const analyses = [
    { analysis_id: randomUUID(), type: 'quality', params: { threshold_spoofing: 0.5 } },
    { analysis_id: randomUUID(), type: 'biometry' },
  ];
  const created = await send(
    ingest,
    INGEST_PATTERNS.createFolder,
    {
      folder_id,
      company_id: company,
      user_id: client.user_id,
      meta_data: { transaction_id: randomUUID() },
      media: [media(['video_selfie', 'video_selfie_blank'], true), media(['photo_id', 'photo_id_front'], false), media(['photo_id_back'], false)],
      analysis_group: { group_id: randomUUID(), analyses },
    },
    client,
  );
  let events = created.events.length;
  for (const { analysis_id } of analyses) {
    const outcome = { status: 'FINISHED', resolution: 'SUCCESS', results_data: {}, results_media: [], model_versions: { bench: '1' }, duration_ms: 1 };
    events += (await send(ingest, INGEST_PATTERNS.recordAnalysisResult, { folder_id, analysis_id, outcome }, worker)).events.length;
  }
  return { commands: 1 + analyses.length, events };
}
