import type { Express } from 'express';

/** One route of the app as Express holds it: method and path pattern (`/moderation/fiches/:id`). */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every GET and POST route of the app, read from its routers: the security suite attacks what the
 * app serves, so a new route is attacked without anyone writing a test for it.
 */
export function routeTable(app: Express): Route[] {
  const routes: Route[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          const upper = method.toUpperCase();
          if (upper === 'GET' || upper === 'POST')
            routes.push({ method: upper, path: layer.route.path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  const seen = new Set<string>();
  return routes.filter(
    (r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`),
  );
}

/** The parameters of a path pattern, each with the segment before it: `fiches/:id` → ['fiches', 'id']. */
export function paramsOf(path: string): Array<{ before: string; name: string }> {
  const segments = path.split('/');
  return segments.flatMap((segment, i) =>
    [...segment.matchAll(/:(\w+)/g)].map((m) => ({ before: segments[i - 1] ?? '', name: m[1] })),
  );
}

/** The path with each parameter replaced by `value(before, name)` (URI-encoded). */
export function fillPath(path: string, value: (before: string, name: string) => string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) =>
      segment.replace(/:(\w+)/g, (_m, name: string) =>
        encodeURIComponent(value(segments[i - 1] ?? '', name)),
      ),
    )
    .join('/');
}
