/** The result of the last attempt, and how many attempts it took. */
export type Attempted<T> = Readonly<{ value: T; attempts: number }> | Readonly<{ error: unknown; attempts: number }>;

/**
 * Runs `work` up to `maxAttempts` times while it throws an error that `isRetryable` accepts: a face
 * model that crashed once may well run the next time; a broken media will not.
 */
export async function runWithRetries<T>(work: () => Promise<T>, maxAttempts: number, isRetryable: (error: unknown) => boolean): Promise<Attempted<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await work(), attempts: attempt };
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) return { error, attempts: attempt };
    }
  }
}
