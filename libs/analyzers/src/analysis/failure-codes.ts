import { OzErrorCode } from '@forensics/domain';

/**
 * The `error_code` of a FAILED analysis, in the Oz error-code space (oz-api.md §8):
 * - 4 INVALID_VALUE: a media can't be decoded (not an image or video, truncated, or ffmpeg timed out),
 *   or a param is out of range, or BIOMETRY got fewer than 2 media;
 * - 2 NOT_REALIZED: an analysis type this lib does not run (COLLECTION, for now);
 * - 0 UNKNOWN: the face model kept failing after every attempt.
 */
export const FailureCode = {
  MEDIA_UNDECODABLE: OzErrorCode.INVALID_VALUE,
  INVALID_REQUEST: OzErrorCode.INVALID_VALUE,
  NOT_SUPPORTED: OzErrorCode.NOT_REALIZED,
  MODEL_FAILED: OzErrorCode.UNKNOWN,
} as const;

/** An analysis that can't run as asked; it ends FAILED at once, without a retry. */
export class AnalysisRequestError extends Error {
  override readonly name = 'AnalysisRequestError';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
