import { cosineSimilarity } from './cosine-similarity';
import { allPairs } from './media-pairs';

describe('allPairs', () => {
  it('given 2 media, then 1 pair; given 4, then 6 pairs, each once and never a media with itself', () => {
    expect(allPairs(['a', 'b'])).toEqual([['a', 'b']]);
    const pairs = allPairs(['a', 'b', 'c', 'd']);
    expect(pairs).toHaveLength(6);
    expect(new Set(pairs.map((p) => [...p].sort().join()))).toHaveProperty('size', 6);
    expect(pairs.every(([x, y]) => x !== y)).toBe(true);
  });

  it('given fewer than 2 media, then no pair', () => {
    expect(allPairs(['a'])).toEqual([]);
  });
});

describe('cosineSimilarity', () => {
  it('given the same direction, then 1; orthogonal, then 0; opposite, then clipped to 0', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBe(0);
  });

  it('given descriptors of different lengths, then it refuses to compare them', () => {
    expect(() => cosineSimilarity([1, 2], [1])).toThrow(/length/);
  });
});
