// The route a request matched, as its pattern (`/api/v1/users/:userId/lifecycle`), never as the
// path it was sent to. Metrics labels and the 5xx log line use it: `req.baseUrl` is the path the
// request really took through each mount, so a mount with a parameter in it once put the codec's
// token in a label of the unauthenticated /metrics, and every new value made a new series. Labels
// here come only from the set of patterns registered on the app, so there are as many series as
// routes, whatever the paths.
import type { Application, Request } from 'express';
import { match } from 'path-to-regexp';

export const UNMATCHED = 'unmatched';

interface Listed {
  path: unknown;
  router?: { listRoutes?: () => Listed[] };
}

const join = (prefix: string, path: string) => (path === '/' && prefix ? prefix : `${prefix}${path}`);

/** Every route pattern on the app, mounts included, from router 2's listRoutes(). */
export function routePatterns(app: Application): string[] {
  const patterns: string[] = [];
  const walk = (listed: Listed[], prefix: string) => {
    for (const { path, router } of listed) {
      if (typeof path !== 'string') continue; // a RegExp or array mount: not used here, never a label
      if (router?.listRoutes) walk(router.listRoutes(), join(prefix, path));
      else patterns.push(join(prefix, path));
    }
  };
  walk((app as unknown as { router: { listRoutes(): Listed[] } }).router.listRoutes(), '');
  return [...new Set(patterns)];
}

/** A labeller over the app's routes, read once (on first use, when every route is registered). */
export function routeLabeller(app: Application): (req: Request) => string {
  let known: { set: Set<string>; matchers: [string, ReturnType<typeof match>][] } | undefined;
  const load = () => {
    const patterns = routePatterns(app);
    return {
      set: new Set(patterns),
      matchers: patterns.map((p) => [p, match(p, { decode: false })] as [string, ReturnType<typeof match>]),
    };
  };
  return (req) => {
    if (!req.route) return UNMATCHED;
    known ??= load();
    const naive = `${req.baseUrl}${String(req.route.path)}`;
    if (known.set.has(naive)) return naive;
    // A mount with a parameter: find the pattern the whole path matches.
    const path = `${req.baseUrl}${req.path === '/' ? '' : req.path}`;
    return known.matchers.find(([, m]) => m(path))?.[0] ?? UNMATCHED;
  };
}
