import type { AnalysisType } from '@forensics/domain';

type Tagged = Readonly<{ media_id: string; tags: readonly string[] }>;

const TAKES: Readonly<Record<AnalysisType, (media: Tagged) => boolean>> = {
  QUALITY: (media) => media.tags.some((tag) => tag.startsWith('video_selfie') || tag === 'photo_selfie'),
  BIOMETRY: (media) => !media.tags.includes('photo_id_back'),
  COLLECTION: (media) => !media.tags.includes('photo_id_back'),
};

/** The media an analysis works on: the ones the request named, else the DESIGN.md §4 tag rule. */
export function selectMedia<M extends Tagged>(type: AnalysisType, media: readonly M[], sourceMediaIds?: readonly string[]): M[] {
  if (sourceMediaIds && sourceMediaIds.length > 0) return media.filter((m) => sourceMediaIds.includes(m.media_id));
  return media.filter(TAKES[type]);
}
