// Realistic payloads as the gateway and the workers send them: uuids, sha256 digests, sniffed mimes.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '@forensics/domain';
import type { CommandDataOf, IngestPattern, IngestRequest, IngestRequestOf } from '@forensics/contracts';

export const COMPANY_A = randomUUID();
export const COMPANY_B = randomUUID();

export const actors = {
  clientA: { user_id: randomUUID(), company_id: COMPANY_A, role: 'CLIENT' },
  clientB: { user_id: randomUUID(), company_id: COMPANY_B, role: 'CLIENT' },
  worker: { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' },
  operator: { user_id: randomUUID(), company_id: null, role: 'OPERATOR' },
} as const satisfies Record<string, Actor>;

export const sha256 = (seed: string): string => createHash('sha256').update(seed).digest('hex');

type Media = CommandDataOf<'folders.create'>['media'][number];

export const photo = (tags: string[], overrides: Partial<Media> = {}): Media => {
  const media_id = randomUUID();
  return {
    media_id,
    original_name: `${tags[0] ?? 'photo'}.jpg`,
    media_type: 'IMAGE_FOLDER',
    tags,
    meta_data: { source: 'web-sdk' },
    blob: { sha256: sha256(media_id), size: 184_320, mime: 'image/jpeg' },
    ...overrides,
  };
};

export const video = (tags: string[]): Media => {
  const media_id = randomUUID();
  return {
    media_id,
    original_name: 'liveness.mp4',
    media_type: 'VIDEO_FOLDER',
    tags,
    meta_data: {},
    blob: { sha256: sha256(media_id), size: 2_457_600, mime: 'video/mp4' },
  };
};

/** The usual KYC set: a selfie video and both sides of an identity document. */
export const kycMedia = (): Media[] => [video(['video_selfie', 'video_selfie_blank']), photo(['photo_id_front']), photo(['photo_id_back'])];

export const request = <P extends IngestPattern>(
  _pattern: P,
  data: CommandDataOf<P>,
  actor: Actor = actors.clientA,
  extra: Partial<Omit<IngestRequest, 'data'>> = {},
): IngestRequestOf<P> => ({ data, metadata: { actor, correlation_id: randomUUID() }, ...extra });

type CreateFolderData = CommandDataOf<'folders.create'>;

export const createFolder = (media: Media[] = kycMedia(), extra: Partial<CreateFolderData> = {}, actor: Actor = actors.clientA) =>
  request(
    'folders.create',
    {
      folder_id: randomUUID(),
      company_id: actor.company_id ?? COMPANY_A,
      user_id: actor.user_id,
      meta_data: { applicant: 'A-1042' },
      media,
      ...extra,
    },
    actor,
  );

export const analysis = (type: string, extra: Record<string, unknown> = {}) => ({ analysis_id: randomUUID(), type, ...extra });

export const finishedOutcome = (resolution: 'SUCCESS' | 'DECLINED' | 'OPERATOR_REQUIRED') => ({
  status: 'FINISHED' as const,
  resolution,
  results_data: { min_confidence: 0.71, max_confidence: 0.93 },
  results_media: [],
  model_versions: { human: '3.3.6' },
  duration_ms: 412,
});
