/**
 * The decoder was stopped by a shutdown's signal that the analyzer did not send (SIGINT, SIGTERM or
 * SIGHUP reaching the whole process group). Nothing is known about the media: the analysis did not
 * fail, it did not run. It is neither retried inside the analyzer nor recorded as FAILED;
 * the worker leaves the message to be handled again.
 */
export class DecoderInterruptedError extends Error {
  override readonly name = 'DecoderInterruptedError';
}
