/**
 * Polls a condition until it holds: tests wait on what they expect to see (a message consumed, a
 * checkpoint reached), never on a fixed sleep. Fails with the last observed value on timeout.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  until: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
