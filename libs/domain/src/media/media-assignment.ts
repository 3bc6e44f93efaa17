import type { AnalysisType } from '../events/analysis-group-submitted.event';
import type { MediaRecord } from '../folder/folder-state';

const isLivenessMedia = (media: MediaRecord): boolean =>
  media.tags.some((tag) => tag.startsWith('video_selfie') || tag === 'photo_selfie');

const isNotIdBack = (media: MediaRecord): boolean => !media.tags.includes('photo_id_back');

/** Which media each analysis type takes when the request names none (DESIGN.md §4). */
const TAKES: Readonly<Record<AnalysisType, (media: MediaRecord) => boolean>> = {
  QUALITY: isLivenessMedia,
  BIOMETRY: isNotIdBack,
  COLLECTION: isNotIdBack,
};

/** The fewest media an analysis type can work on; fewer is refused when the request is made. */
export const MIN_MEDIA: Readonly<Record<AnalysisType, number>> = { QUALITY: 1, BIOMETRY: 2, COLLECTION: 1 };

/** The ids of the folder's media that an analysis of this type takes, in upload order. */
export function assignMedia(type: AnalysisType, media: readonly MediaRecord[]): string[] {
  return media.filter(TAKES[type]).map((m) => m.media_id);
}
