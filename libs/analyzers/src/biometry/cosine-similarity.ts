/**
 * Face similarity on a 0..1 scale: the cosine of the angle between two descriptors, negatives
 * clipped to 0. Linear, unlike human.match.similarity, which saturates at 1 for every same-person
 * pair here and so leaves a grey band nothing to separate.
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) throw new Error(`descriptors differ in length: ${a.length} and ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  const cosine = normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
  return Math.round(Math.min(1, Math.max(0, cosine)) * 10_000) / 10_000;
}
