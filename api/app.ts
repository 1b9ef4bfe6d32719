// The HTTP application, without listening: server.ts listens, tests drive it with supertest.
import { randomUUID } from 'node:crypto';
import express from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/env';
import type { Db } from '../db/client';
import { httpMetrics, metricsEndpoint } from '../observability/apiMetrics';
import { readConformanceFrom } from '../observability/conformanceMetrics';
import { conformanceStatus } from '../console/conformance';
import { adminRouter } from './admin/router';
import { adminUi } from './adminUi';
import { auditRouter } from './audit/router';
import { codecRouter } from './codec/router';
import { codecSessions } from './codec/session';
import { AesGcmPayloadCodec } from '../temporal/codec';
import { createLedger } from '../ledger/ledger';
import { pendingLookupFor } from '../console/pending';
import { createReceipts } from '../console/receipt';
import type { SubjectService } from '../lifecycles/registration';
import { ALL_KINDS } from '../lifecycles/registry';
import type { KindName } from '../lifecycles/shared/contract';
import type { UserService } from '../lifecycles/user/service';
import { createAuth } from './auth';
import { errorHandler } from './errorHandler';
import { healthRouter } from './health';
import { jsonBody } from './jsonBody';
import { requireMetricsToken } from './metricsAuth';
import { rateLimits } from './rateLimits';
import { routeLabeller } from './routePatterns';
import { buildOpenApiDocument } from './openapi';
import { withActionNote } from '../lifecycles/shared/actionNotes';
import { collectionPath, subjectRouter } from './v1/subjectRouter';
import { supportCaseRouter } from './v1/supportCases';
import { prospectRouter } from './v1/prospects';
import type { ProspectService } from '../lifecycles/prospect/service';
import type { SupportCaseService } from '../lifecycles/supportCase/service';

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: AppConfig;
  logger?: Logger;
  /** How long lifecycle calls wait for a worker before answering 503 (default 30 s). */
  lifecycleTimeoutMs?: number;
}

export function createApp({
  db,
  temporal,
  config,
  logger = pino({ level: config.logLevel }),
  lifecycleTimeoutMs,
}: AppDeps): express.Application {
  const { taskQueue } = config.temporal;
  // One service per kind, shared by the service API and the console's actions.
  const clientDeps = { temporal, taskQueue, policy: config.policy, timeoutMs: lifecycleTimeoutMs };
  const services = Object.fromEntries(ALL_KINDS.map((k) => [k.kind.name, k.createService(db, clientDeps)])) as Record<
    KindName,
    SubjectService
  >;
  // Receipts ask users' lifecycles where they stand; other kinds answer from evidence alone for now.
  const users = services.user as UserService;
  const limits = rateLimits(config.rateLimits);
  const { requireRole, identify } = createAuth(config.apiTokens, limits.authFailures);
  const openApiDocument = buildOpenApiDocument();
  const ledger = createLedger(config.ledger);

  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, the caller's address (rate limits) comes from X-Forwarded-For, if trusted.
  app.set('trust proxy', config.trustProxy);
  // Metrics labels and the 5xx log line name the route's pattern, never the path it was sent to.
  const routeOf = routeLabeller(app);

  // Lets a caller quote a failed request to operations; the 5xx log line carries the same ID.
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.set('X-Request-Id', res.locals.requestId);
    next();
  });

  app.use(httpMetrics(routeOf));
  // Security headers; the CSP allows the console's own scripts and MUI's inline styles, nothing
  // from elsewhere (tests/browser run the console under it). No upgrade-insecure-requests: npm
  // start serves plain http on localhost, and production's TLS proxy redirects on its own.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(['/healthz', '/readyz', '/api/v1/openapi.json', '/codec/session'], limits.perAddress);
  app.use(healthRouter({ db, temporal, namespace: config.temporal.namespace }));
  // Counts and durations by route pattern; Prometheus sends METRICS_TOKEN (required in production).
  readConformanceFrom(() => conformanceStatus(db));
  app.get('/metrics', requireMetricsToken(config.metricsToken, limits.authFailures), metricsEndpoint);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  // Authenticate before reading the body, so an anonymous caller cannot make us parse 100 kB.
  const service = [requireRole('service', 'admin'), limits.perToken, ...jsonBody(), noStore];
  // Intake and closure first; anything else under /support-cases falls through to the kind's own routes.
  app.use(
    '/api/v1/support-cases',
    ...service,
    supportCaseRouter(services.supportCase as SupportCaseService, (n, act) => withActionNote(db, n, act)),
  );
  app.use('/api/v1/prospects', ...service, prospectRouter(services.prospect as ProspectService));
  // Nested kinds first (a customer's contacts), so their paths are not taken for the parent's.
  for (const registration of [...ALL_KINDS].sort((a, b) => Number(!!b.parent) - Number(!!a.parent))) {
    app.use(
      collectionPath(registration, 'express'),
      ...service,
      subjectRouter(registration, services[registration.kind.name], (n, act) => withActionNote(db, n, act)),
    );
  }
  // Auditors read the ledger and receipts; admins may too. Read-only, so no body parser.
  app.use(
    '/api/audit',
    requireRole('auditor', 'admin'),
    limits.perToken,
    noStore,
    auditRouter(db, ledger, createReceipts(db, pendingLookupFor(users))),
  );
  // The Temporal Web UI's codec server: admins see decrypted payloads there.
  app.use(
    '/codec',
    codecRouter({
      codec: new AesGcmPayloadCodec(config.payloadKeys),
      namespace: config.temporal.namespace,
      allowedOrigins: config.temporalUiOrigins,
      requireAdmin: requireRole('admin'),
      identify,
      sessions: codecSessions(config.payloadKeys),
      budget: limits.perToken,
      failures: limits.authFailures,
    }),
  );

  // The admin console's API (react-admin contract); actions inside need role admin.
  const admin = adminRouter({
    db,
    temporal,
    policy: config.policy,
    taskQueue,
    temporalRetentionMs: config.temporal.retentionMs,
    ageingEveryMs: config.ageingEveryMs,
    requireRole,
    services,
    ledger,
    timeoutMs: lifecycleTimeoutMs,
  });
  app.use('/api/admin', requireRole('admin', 'auditor'), limits.perToken, ...jsonBody(), admin);
  // Whatever no API route answered (the console's files, unknown paths) is the public surface.
  app.use(limits.perAddress);
  // The console itself, when built (npm run build).
  const ui = adminUi();
  if (ui) app.use(ui);

  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });
  app.use(errorHandler(logger, routeOf));
  return app;
}

// Lifecycle answers describe people's accounts: no shared cache should keep them.
const noStore: express.RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
