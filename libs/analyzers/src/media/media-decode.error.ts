/** A media whose bytes can't be turned into frames: the analysis ends FAILED, not DECLINED. */
export class MediaDecodeError extends Error {
  override readonly name = 'MediaDecodeError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
