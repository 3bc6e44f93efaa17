/** The parts of an express request that say which route answered it. */
export type RoutedRequest = Readonly<{ baseUrl?: string; route?: { path?: unknown } }>;

/**
 * The route pattern that answered a request (`/api/folders/:folder_id`), never its URL: ids in a
 * label would make a time series per folder. A request no route took (a 404, or a body the parser
 * refused before routing) is `unmatched`.
 */
export function routePattern(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}
