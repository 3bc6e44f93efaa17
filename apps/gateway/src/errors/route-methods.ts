/**
 * Which methods a path is served with, from the Express router the app was built on: lets a path
 * that exists answer 405 (NOT ALLOWED, code 1, with Allow) for a method it lacks, as Oz does,
 * instead of 404 as if the path did not exist.
 */
export type RouteMethods = (path: string) => string[];

type Layer = Readonly<{ route?: { methods: Record<string, boolean> }; match: (path: string) => boolean }>;

export function routeMethodsOf(expressApp: unknown): RouteMethods {
  const router = (expressApp as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } }).router ?? (expressApp as { _router?: { stack: Layer[] } })._router;
  const routes = (router?.stack ?? []).filter((layer) => layer.route !== undefined);
  return (path) => {
    const methods = new Set<string>();
    for (const layer of routes) if (layer.match(path)) for (const [method, on] of Object.entries(layer.route?.methods ?? {})) if (on && method !== '_all') methods.add(method.toUpperCase());
    return [...methods].sort();
  };
}
