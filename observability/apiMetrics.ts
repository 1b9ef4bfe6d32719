// The API's Prometheus metrics (prom-client), served at GET /metrics. One registry per process:
// counters are process-wide, so code anywhere in the API (e.g. evidence verification) can count
// through `apiMetrics`. Labels are route templates, methods, status codes and subject kinds, never
// an ID from a URL, so the series stay few and hold nothing personal.
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const apiMetrics = {
  requests: new Histogram({
    name: 'nitd_http_request_duration_seconds',
    help: 'API request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  terminations: new Counter({
    name: 'nitd_terminations_received_total',
    help: 'terminations accepted by the API (2xx), by subject kind',
    labelNames: ['subject_kind'] as const,
    registers: [registry],
  }),
  verificationFailures: new Counter({
    name: 'nitd_evidence_verification_failures_total',
    help: 'evidence records or chain links that failed verification; any increase needs an investigation',
    registers: [registry],
  }),
};

// Methods a client can invent are one label value each: anything else counts as OTHER.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Observes every request once it is answered. `routeOf` names the matched route pattern, never the
 * path (api/routePatterns.ts), so a label can hold neither an ID nor a token.
 */
export const httpMetrics =
  (routeOf: (req: Request) => string): RequestHandler =>
  (req, res, next) => {
    const end = apiMetrics.requests.startTimer({ method: METHODS.has(req.method) ? req.method : 'OTHER' });
    res.once('finish', () => {
      const route = routeOf(req);
      end({ route, status: String(res.statusCode) });
      if (req.method === 'POST' && route.endsWith('/termination') && res.statusCode < 300) {
        apiMetrics.terminations.inc({ subject_kind: route.startsWith('/api/v1/customers') ? 'customer' : 'user' });
      }
    });
    next();
  };

export const metricsEndpoint: RequestHandler = async (_req, res) => {
  res.set('Content-Type', registry.contentType);
  res.send(await registry.metrics());
};
