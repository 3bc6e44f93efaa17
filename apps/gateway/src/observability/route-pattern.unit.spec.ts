// Given an answered request, when its latency is labelled, then the label is the route's pattern.
import { routePattern } from './route-pattern';

describe('routePattern', () => {
  it('names the route pattern, under the router it is mounted on', () => {
    expect(routePattern({ baseUrl: '', route: { path: '/api/folders/:folder_id/' } })).toBe('/api/folders/:folder_id/');
    expect(routePattern({ baseUrl: '/v2', route: { path: '/media/:media_id' } })).toBe('/v2/media/:media_id');
  });

  it('answers unmatched when no route took the request', () => {
    expect(routePattern({ baseUrl: '' })).toBe('unmatched');
    expect(routePattern({ route: { path: /regexp/ } })).toBe('unmatched');
  });
});
