/** Every unordered pair of distinct items, in input order: n(n-1)/2 of them. */
export function allPairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((first, i) => items.slice(i + 1).map((second): [T, T] => [first, second]));
}
