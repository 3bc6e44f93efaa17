/**
 * The distinct non-empty ids of a batch, in first-seen order: a batch's log line names the
 * requests (`correlation_ids`) whose work it carries, each once, without a line per item.
 */
export function distinctIds<T>(items: readonly T[], idOf: (item: T) => unknown): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    const id = idOf(item);
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return [...ids];
}
