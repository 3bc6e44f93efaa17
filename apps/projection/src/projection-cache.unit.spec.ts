import { emptyProjection } from '@forensics/read-model';
import { ProjectionCache } from './projection-cache';

describe('ProjectionCache', () => {
  it('keeps at most its size, dropping the least recently used folder first', () => {
    const cache = new ProjectionCache(2);
    cache.set(emptyProjection('a'));
    cache.set(emptyProjection('b'));
    cache.get('a');
    cache.set(emptyProjection('c'));
    expect([cache.get('a')?.folder_id, cache.get('b'), cache.get('c')?.folder_id]).toEqual(['a', undefined, 'c']);
    expect(cache.size).toBe(2);
  });

  it('forgets folders whose stored version moved', () => {
    const cache = new ProjectionCache(10);
    cache.set(emptyProjection('a'));
    cache.forget(['a']);
    expect(cache.get('a')).toBeUndefined();
  });
});
