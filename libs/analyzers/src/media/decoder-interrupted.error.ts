/**
 * The decoder was stopped by a signal that the analyzer did not send (a shutdown that reached the
 * whole process group, the out-of-memory killer). Nothing is known about the media: the analysis
 * did not fail, it did not run. It is neither retried inside the analyzer nor recorded as FAILED;
 * the worker leaves the message to be handled again.
 */
export class DecoderInterruptedError extends Error {
  override readonly name = 'DecoderInterruptedError';
}
