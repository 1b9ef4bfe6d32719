// The API's /metrics for Prometheus only. Its labels hold nothing secret any more, but request
// counts per route and status still describe the service to whoever reads them; production
// requires METRICS_TOKEN (config/env.ts), which Prometheus sends as a bearer token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { bearerToken } from './auth';
import type { AuthFailureGuard } from './rateLimits';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Passes requests bearing `token`; without a configured token (development), passes all. */
export function requireMetricsToken(token: string | undefined, failures: AuthFailureGuard): RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return async (req, res, next) => {
    if (await failures.refuseIfBlocked(req, res)) return;
    const given = bearerToken(req.get('authorization'));
    if (given && timingSafeEqual(digest(given), expected)) return next();
    failures.failed(req, res, () => {
      res.set('WWW-Authenticate', 'Bearer realm="nitd-metrics"');
      res.status(401).json({ error: 'metrics need the METRICS_TOKEN bearer token' });
    });
  };
}
