import type { JsonObject } from '@forensics/domain';
import type { FolderResponse, MediaResponse } from './folder-response';
import { type FolderRows, toFolderResponse } from './to-folder-response';

/**
 * The folder as the API answers it (the seed's shape), with links a client can follow: each
 * media's `original_url`, and best shots' `output_images[].original_url`, made absolute on
 * `baseUrl`. The gateway and the webhooks send the same JSON.
 */
export function toLinkedFolderResponse(folder: FolderRows, { withAnalyses }: Readonly<{ withAnalyses: boolean }>, baseUrl: string): FolderResponse {
  const response = toFolderResponse(folder, { withAnalyses });
  const withLink = (media: MediaResponse): MediaResponse => ({ ...media, original_url: media.original_url ?? `${baseUrl}/api/media/${media.media_id}/original` });
  return {
    ...response,
    media: response.media.map(withLink),
    ...(response.analyses
      ? {
          analyses: response.analyses.map((analysis) => ({
            ...analysis,
            source_media: analysis.source_media.map(withLink),
            results_media: analysis.results_media.map((entry) => absoluteOutputImages(entry, baseUrl)),
          })),
        }
      : {}),
  };
}

function absoluteOutputImages(entry: JsonObject, baseUrl: string): JsonObject {
  const images = entry['output_images'];
  if (!Array.isArray(images)) return entry;
  return {
    ...entry,
    output_images: images.map((image) => {
      const url = (image as JsonObject)['original_url'];
      return typeof url === 'string' && url.startsWith('/') ? { ...(image as JsonObject), original_url: `${baseUrl}${url}` } : image;
    }),
  };
}
