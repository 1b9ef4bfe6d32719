// The one place configuration is read and validated. A missing or invalid setting stops the
// process with a message naming it.
import path from 'node:path';
import { z } from 'zod';
import { policyFromEnv, PolicyError } from '../policy/fromEnv';
import { durationMs, isIsoDuration } from '../policy/duration';
import type { PolicySnapshot } from '../policy/retention';
import { parseDataStores, parseProcessors, type Residency } from './residency';
import { DEV_PAYLOAD_KEYS, parsePayloadKeys, usesDevelopmentKey, type PayloadKeyRing } from '../temporal/payloadKeys';
import { DEV_LEDGER_KEYS, parseLedgerKeys, type LedgerKeys } from '../ledger/keys';
import { ApiTokenError, parseApiTokens, refuseGuessable, type ApiIdentity } from './apiTokens';

export type { ApiIdentity, Role } from './apiTokens';

// Every setting, with what it means: the README's table is checked against this (tests/config).
const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('`production` makes the settings below marked required mandatory'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('API port (also serves the admin UI and `/metrics`)'),
  HOST: z
    .string()
    .min(1)
    .optional()
    .describe(
      "the address the API and the worker's metrics listen on; default `127.0.0.1` (a laptop: nothing reachable from the network unless you say so), `0.0.0.0` with `NODE_ENV=production` (a container publishes its ports)",
    ),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'Postgres connection string of the worker and API: the runtime role, which may only read and append to the ledgers (docs/evidence.md); `npm start` runs an embedded Postgres under `.data/` when unset',
    ),
  // Empty counts as unset: compose blanks it for the worker and the API.
  DATABASE_OWNER_URL: z
    .union([z.literal(''), z.string().url()])
    .optional()
    .describe(
      'migrations only (`npm run db:migrate`, the compose `migrate` job): the role that owns the tables and creates the runtime role of `DATABASE_URL`; never given to the worker or API (refused there in production)',
    ),
  TEMPORAL_ADDRESS: z
    .string()
    .min(1)
    .default('localhost:7233')
    .describe('Temporal frontend `host:port`; if you set it, `npm start` does not start a dev server'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace'),
  TEMPORAL_RETENTION: z
    .string()
    .regex(/^P([1-9]|[12]\d|30)D$/, 'must be whole days, P1D to P30D (no longer than the quarantine)')
    .default('P7D')
    .describe(
      'how long Temporal keeps closed lifecycles (histories, search attributes): whole days, at most `P30D`; `npm start` and compose set it, and the worker refuses a namespace that keeps them longer',
    ),
  CONFORMANCE_SCAN_EVERY: z
    .string()
    .regex(/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/, 'must be days, hours or minutes, e.g. P1D or PT12H')
    .refine((v) => isIsoDuration(v) && durationMs(v) >= 60_000, 'must be at least a minute')
    .default('P1D')
    .describe('how often the conformance scan runs (ISO-8601 days, hours or minutes; default `P1D`)'),
  AGEING_SWEEP_EVERY: z
    .string()
    .regex(/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/, 'must be days, hours or minutes, e.g. P1D or PT12H')
    .refine((v) => isIsoDuration(v) && durationMs(v) >= 60_000, 'must be at least a minute')
    .default('P1D')
    .describe(
      'how often the ageing sweep runs (ISO-8601 days, hours or minutes; default `P1D`); each run takes every CRM and ERP record falling due before the next, so a longer interval anonymises earlier',
    ),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('nitd-lifecycle').describe('the task queue the workers poll'),
  API_TOKENS: z
    .string()
    .optional()
    .describe(
      'comma-separated `role:name:token` entries; roles `admin`, `auditor`, `service`; the name (letters, digits, `._-`) says whose token it is and is recorded with every admin action. In production: named, at least 32 random characters, no development token or placeholder, no token listed twice. Outside production `role:token` is still read (the role is the name)',
    ),
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&*+./;=?@^_`|~-]+$/, 'must be printable ASCII without spaces, quotes or brackets')
    .optional()
    .describe(
      "API: the bearer token Prometheus sends for the API's `/metrics`; *required* in production (at least 32 random characters). Unset outside production, `/metrics` is open",
    ),
  RATE_LIMIT_PER_TOKEN: z.coerce
    .number()
    .int()
    .min(1)
    .default(1200)
    .describe('API: requests a minute one token (or codec sign-in) may make; past it, 429 until the minute is over'),
  RATE_LIMIT_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe('API: requests a minute one address may make to the routes anyone may call (health, OpenAPI, console files, codec sign-in)'),
  RATE_LIMIT_AUTH_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('API: failed authentications (401) one address may have in 15 minutes; past it, every request from it gets 429 until then'),
  TRUST_PROXY: z
    .string()
    .optional()
    .describe(
      "API: Express's `trust proxy` when a proxy sits in front (`true`, a hop count, or addresses such as `loopback`); unset, the peer's address is the caller's, which behind a proxy puts every caller in one rate-limit budget",
    ),
  ERASURE_JOURNAL_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'worker: directory of the erasure journal, kept outside the database (and its backups) so a restore can erase again whom it brings back; default `.data/erasure-journal`',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level of API and worker'),
  // Validated by policy/retention.ts, which knows the notice's limits; listed here for the table.
  RETENTION_USER_QUARANTINE: z
    .string()
    .optional()
    .describe("quarantine between termination and purge (ISO-8601; default and maximum `P30D`, the notice's 30 days)"),
  RETENTION_CRM_ANONYMISE: z
    .string()
    .optional()
    .describe('CRM anonymisation after the customer relationship ends (default and maximum `P3Y`, «innen 3 år»)'),
  RETENTION_ERP_MAX: z
    .string()
    .optional()
    .describe(
      'the cap on CRM and ERP data after a relationship ends (default and maximum `P5Y`, «etter 5 år»); ERP is kept that long only under `RETENTION_ERP_LEGAL_DUTY`',
    ),
  RETENTION_ERP_LEGAL_DUTY: z
    .string()
    .optional()
    .describe(
      'a named legal duty (`bokforingsloven`) that keeps invoice identity in ERP until `RETENTION_ERP_MAX` after a relationship ends; unset (the default), ERP personal data is anonymised with the CRM data «innen 3 år»',
    ),
  RETENTION_CONTACT: z
    .string()
    .optional()
    .describe(
      "a departed contact person's CRM data, counted from the departure (default and maximum `P3Y`, «innen 3 år»; the customer's own end covers every contact too)",
    ),
  RETENTION_SUPPORT_CASE: z
    .string()
    .optional()
    .describe(
      "an outside requester's details on a closed support case, from closure (default `P1Y`, maximum `P3Y`, «innen 3 år»; cited: «Vi vil bare lagre informasjon som er nødvendig og hensiktsmessig for å behandle saken.»)",
    ),
  RETENTION_PROSPECT: z
    .string()
    .optional()
    .describe(
      "a prospect's CRM data, from the last contact (default and maximum `P5Y`, «CRM- og ERP-systemer anonymiserer/sletter personvernregulerte opplysninger etter 5 år.»)",
    ),
  RETENTION_SAFETY_MARGIN: z
    .string()
    .optional()
    .describe('how long before a maximum («innen 3 år», «etter 5 år») its step is scheduled, in days or hours (default `P1D`)'),
  DATA_STORES: z
    .string()
    .default('postgres:local,temporal:local')
    .describe(
      '`store:region` of every store holding personal data; `postgres` and `temporal` must be named, each in the EU/EEA (`local` only outside production)',
    ),
  PROCESSORS: z
    .string()
    .default('')
    .describe('`name:region:purpose` of every processor receiving personal data; outside the EU/EEA or for `marketing` is refused'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(9464)
    .describe('worker: port of its Prometheus `/metrics` (SDK and app metrics)'),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(30)
    .describe('on SIGTERM, how long in-flight activities and requests may take before the process stops anyway'),
  TEMPORAL_UI_ORIGINS: z
    .string()
    .default('http://localhost:8233')
    .describe("comma-separated origins of the Temporal Web UI allowed to call the API's codec endpoint `/codec` from the browser"),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .default(100)
    .describe(
      'worker: workflows kept in memory between tasks; lifecycles sleep for days, so a small cache costs a short replay on wake-up and keeps the worker small (bench:purge-wave)',
    ),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe(
      'worker: activities run at once; about twice the database pool (10), since more only queue for a connection while holding memory',
    ),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('worker: workflow tasks run at once (SDK default 40 when unset)'),
  WORKFLOW_BUNDLE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'worker: a prebuilt workflow bundle (`tsx worker/workflowBundle.ts`); `npm start` and the Docker image build and set it; unset, the worker bundles at start-up (slower, about 150 MB more memory)',
    ),
  LEDGER_KEYS: z
    .string()
    .optional()
    .describe(
      'keys sealing every evidence record and admin action (HMAC-SHA256; the database never sees them): comma-separated `id:base64` (32 bytes), newest first; older keys still verify. Default: the public development key, refused in production',
    ),
  LEDGER_ANCHOR_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      "directory where the worker and API append each ledger record's anchor (its seq and hash, sealed), so a deleted tail is detected; `npm start` uses `.data/ledger-anchors`; required in production",
    ),
  PAYLOAD_KEYS: z
    .string()
    .optional()
    .describe(
      'AES-256 keys encrypting Temporal payloads: comma-separated `id:base64` (32 bytes), newest first; older keys still decrypt. Default: the public development key, refused in production',
    ),
});

/** Every setting the app reads, for docs and the deployment checks. */
export const SETTING_NAMES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];
export const settingsSchema = schema;

/**
 * What each process must be given explicitly when NODE_ENV=production: a default that suits a
 * laptop (localhost, "local" residency, no tokens) would be wrong there. docker-compose.yml is
 * tested against this list.
 */
export const REQUIRED_IN_PRODUCTION = {
  worker: [
    'NODE_ENV',
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_NAMESPACE',
    'DATA_STORES',
    'PAYLOAD_KEYS',
    'LEDGER_KEYS',
    'LEDGER_ANCHOR_DIR',
    'ERASURE_JOURNAL_DIR',
  ],
  api: [
    'NODE_ENV',
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_NAMESPACE',
    'DATA_STORES',
    'API_TOKENS',
    'PAYLOAD_KEYS',
    'METRICS_TOKEN',
    'LEDGER_KEYS',
    'LEDGER_ANCHOR_DIR',
  ],
} as const satisfies Record<string, readonly (keyof typeof schema.shape)[]>;
export type ProcessRole = keyof typeof REQUIRED_IN_PRODUCTION;

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Where the API and the worker's metrics listen (HOST). */
  host: string;
  databaseUrl: string | undefined;
  temporal: { address: string; namespace: string; taskQueue: string; retentionMs: number };
  /** How often the conformance scan runs. */
  conformanceEveryMs: number;
  /** How often the ageing sweep runs; each run takes what falls due before the next. */
  ageingEveryMs: number;
  /** Where the worker journals every erasure, outside the database. */
  erasureJournalDir: string;
  /** Token → whose it is. */
  apiTokens: Map<string, ApiIdentity>;
  /** What Prometheus must send for the API's /metrics; undefined = open (never in production). */
  metricsToken: string | undefined;
  rateLimits: { perTokenPerMinute: number; perAddressPerMinute: number; authFailuresPer15Minutes: number };
  /** Express's `trust proxy`: false (no proxy), true, a hop count, or addresses. */
  trustProxy: boolean | number | string;
  logLevel: string;
  policy: PolicySnapshot;
  residency: Residency;
  metricsPort: number;
  shutdownGraceMs: number;
  payloadKeys: PayloadKeyRing;
  /** Seals ledger records; `anchorDir` receives their anchors (undefined: not anchored). */
  ledger: { keys: LedgerKeys; anchorDir: string | undefined };
  /** Worker tuning (bench/purge-wave.ts measures it); undefined = the SDK's default.  */
  worker: { maxCachedWorkflows?: number; maxConcurrentActivityTaskExecutions?: number; maxConcurrentWorkflowTaskExecutions?: number };
  temporalUiOrigins: string[];
  /** A prebuilt workflow bundle for the worker; undefined = bundle at start-up. */
  workflowBundlePath: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env, role: ProcessRole = 'worker'): AppConfig {
  if (env.NODE_ENV === 'production') {
    const missing = REQUIRED_IN_PRODUCTION[role].filter((name) => !env[name]);
    if (missing.length) throw new ConfigError(`invalid configuration: ${missing.join(', ')} required when NODE_ENV=production`);
  }
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  let policy: PolicySnapshot;
  try {
    policy = policyFromEnv(env);
  } catch (err) {
    if (err instanceof PolicyError) throw new ConfigError(`invalid configuration: ${err.message}`);
    throw err;
  }
  let residency: Residency;
  try {
    const production = e.NODE_ENV === 'production';
    residency = { stores: parseDataStores(e.DATA_STORES, production), processors: parseProcessors(e.PROCESSORS, production) };
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message}`);
  }
  let payloadKeys: PayloadKeyRing;
  try {
    payloadKeys = parsePayloadKeys(e.PAYLOAD_KEYS ?? DEV_PAYLOAD_KEYS);
  } catch (err) {
    throw new ConfigError(`invalid configuration: PAYLOAD_KEYS: ${(err as Error).message}`);
  }
  // By value: the same public bytes under another key ID are just as public.
  const devKey = e.NODE_ENV === 'production' ? usesDevelopmentKey(payloadKeys) : undefined;
  if (devKey) {
    throw new ConfigError(
      `invalid configuration: PAYLOAD_KEYS: key "${devKey}" is the public development key, which is not allowed when NODE_ENV=production`,
    );
  }
  let ledgerKeys: LedgerKeys;
  try {
    ledgerKeys = parseLedgerKeys(e.LEDGER_KEYS ?? DEV_LEDGER_KEYS);
  } catch (err) {
    throw new ConfigError(`invalid configuration: LEDGER_KEYS: ${(err as Error).message}`);
  }
  const devLedgerKey = parseLedgerKeys(DEV_LEDGER_KEYS).current.key;
  const publicLedgerKey = [...ledgerKeys.byId.values()].find((k) => k.key.equals(devLedgerKey));
  if (e.NODE_ENV === 'production' && publicLedgerKey) {
    throw new ConfigError(
      `invalid configuration: LEDGER_KEYS: key "${publicLedgerKey.id}" is the public development key, not allowed when NODE_ENV=production`,
    );
  }
  // The processes that serve requests and run activities must not hold the owner's credentials:
  // with them, the application could disable the ledgers' triggers or drop them.
  if (e.NODE_ENV === 'production' && e.DATABASE_OWNER_URL) {
    throw new ConfigError(`invalid configuration: DATABASE_OWNER_URL is for migrations only; the ${role} must not be given it`);
  }
  let apiTokens: Map<string, ApiIdentity>;
  try {
    apiTokens = parseApiTokens(e.API_TOKENS ?? '', e.NODE_ENV === 'production');
  } catch (err) {
    if (err instanceof ApiTokenError) throw new ConfigError(`invalid configuration: API_TOKENS: ${err.message}`);
    throw err;
  }
  try {
    if (e.METRICS_TOKEN && e.NODE_ENV === 'production') refuseGuessable(e.METRICS_TOKEN, 'the token');
    if (e.METRICS_TOKEN && apiTokens.has(e.METRICS_TOKEN))
      throw new ApiTokenError('the token is also in API_TOKENS: give Prometheus its own');
  } catch (err) {
    if (err instanceof ApiTokenError) throw new ConfigError(`invalid configuration: METRICS_TOKEN: ${err.message}`);
    throw err;
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      retentionMs: Number(e.TEMPORAL_RETENTION.slice(1, -1)) * 86_400_000,
    },
    conformanceEveryMs: durationMs(e.CONFORMANCE_SCAN_EVERY),
    ageingEveryMs: durationMs(e.AGEING_SWEEP_EVERY),
    erasureJournalDir: path.resolve(e.ERASURE_JOURNAL_DIR ?? path.join('.data', 'erasure-journal')),
    apiTokens,
    metricsToken: e.METRICS_TOKEN,
    rateLimits: {
      perTokenPerMinute: e.RATE_LIMIT_PER_TOKEN,
      perAddressPerMinute: e.RATE_LIMIT_PER_ADDRESS,
      authFailuresPer15Minutes: e.RATE_LIMIT_AUTH_FAILURES,
    },
    trustProxy: trustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    policy,
    residency,
    metricsPort: e.METRICS_PORT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    payloadKeys,
    ledger: { keys: ledgerKeys, anchorDir: e.LEDGER_ANCHOR_DIR },
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivityTaskExecutions: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    workflowBundlePath: e.WORKFLOW_BUNDLE,
    temporalUiOrigins: e.TEMPORAL_UI_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Used by the processes that need a database: says which variable is missing instead of crashing later. */
export function requireDatabaseUrl(config: AppConfig): string {
  if (!config.databaseUrl) throw new ConfigError('invalid configuration: DATABASE_URL is required');
  return config.databaseUrl;
}
