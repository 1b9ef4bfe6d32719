// Fuzzes the API from its own OpenAPI document with schemathesis (from .tools/venv): the real app
// on a loopback port, as the runtime database role, a real worker on its own task queue (so a valid
// termination the fuzzer happens to build succeeds instead of timing out), the given Postgres and
// Temporal. Each part of the document is fuzzed with the credential it is for: the service routes
// with a service token, the auditor's with an auditor's, the codec with an admin's, so that they
// are exercised past authentication rather than answering 401/403 to everything.
// The suite's short run and `npm run fuzz`'s long one share this.
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../api/app';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { localRuntimeUrl } from '../db/roles';
import { apiMetrics } from '../observability/apiMetrics';
import { resolveExtraTool } from '../scripts/tools';
import { createTemporalClient } from '../temporal/client';
import { fileJournal } from '../lifecycles/shared/erasureJournal';
import { createWorker } from '../worker/createWorker';
import { GENEROUS_RATE_LIMITS } from './app';
import { uniqueId } from './ids';
import { quietRuntime } from './runtime';
import { lifecycleSubjectsOnQueue } from './workflowCount';
import { createLedger } from '../ledger/ledger';

export interface FuzzOptions {
  databaseUrl: string;
  temporalAddress: string;
  maxExamples: number;
  seed: string;
  maxTimeS: number;
  /** Schemathesis phases; the suite leaves out the slow coverage phase, `npm run fuzz` runs all. */
  phases?: string;
  onOutput?: (chunk: string) => void;
}

export interface FuzzResult {
  code: number | null;
  output: string;
  /** Lifecycle workflows the run started, and those whose user does not exist (must be none). */
  workflowsStarted: number;
  withoutSubject: string[];
  /** Answers by route pattern and status, from the app's own metrics. */
  answers: Record<string, Record<string, number>>;
}

/** Which credential fuzzes which part of the document, and its share of the time. */
const PASSES = [
  { role: 'service', share: 0.6, paths: ['--exclude-path-regex', '^/(codec|api/audit)/'] },
  { role: 'auditor', share: 0.2, paths: ['--include-path-regex', '^/api/audit/'] },
  { role: 'admin', share: 0.2, paths: ['--include-path-regex', '^/codec/'] },
] as const;

export async function fuzzServiceApi(opts: FuzzOptions): Promise<FuzzResult> {
  quietRuntime();
  const tokens = Object.fromEntries(PASSES.map(({ role }) => [role, uniqueId(`fuzz-${role}-token`)]));
  const databaseUrl = localRuntimeUrl(opts.databaseUrl);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_TASK_QUEUE: uniqueId('fuzz'),
    API_TOKENS: PASSES.map(({ role }) => `${role}:fuzz-${role}:${tokens[role]}`).join(','),
    // The fuzzer sends thousands of requests a minute with one token, from one address.
    ...GENEROUS_RATE_LIMITS,
    ERASURE_JOURNAL_DIR: path.join(os.tmpdir(), uniqueId('fuzz-journal')),
  });
  const db = createDb(databaseUrl);
  const temporal = await createTemporalClient(config);
  const connection = await NativeConnection.connect({ address: opts.temporalAddress });
  const server = createServer(createApp({ db, temporal, config, logger: pino({ level: 'silent' }), lifecycleTimeoutMs: 10_000 }));
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    worker = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      payloadKeys: config.payloadKeys,
      db,
      temporal,
      journal: fileJournal(config.erasureJournalDir),
      ledger: createLedger(config.ledger),
      shutdownGraceMs: 5_000,
    });
    running = worker.run();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bin = await resolveExtraTool('fuzz');
    apiMetrics.requests.reset();
    const runs = [];
    for (const pass of PASSES) {
      const time = Math.max(5, Math.round(opts.maxTimeS * pass.share));
      const args = [...fuzzArgs(base, tokens[pass.role]!, { ...opts, maxTimeS: time }), ...pass.paths];
      opts.onOutput?.(`\n[fuzz] ${pass.role} token, ${time} s\n`);
      runs.push(await runSchemathesis(bin, args, (time + 60) * 1000, opts.onOutput));
    }
    const run = {
      code: runs.find((r) => r.code !== 0)?.code ?? 0,
      output: runs.map((r, i) => `--- ${PASSES[i]!.role} ---\n${r.output}`).join('\n'),
      generated: runs.map((r) => Number(/(\d+) generated/.exec(r.output)?.[1] ?? 0)),
    };
    const subjects = await lifecycleSubjectsOnQueue(temporal, config.temporal.taskQueue);
    const ids = (kind: string) => subjects.filter((s) => s.kind === kind).map((s) => s.id);
    const [users, customers, cases, prospects] = await Promise.all([
      db.userAccount.findMany({ where: { id: { in: ids('user') } }, select: { id: true } }),
      db.customer.findMany({ where: { id: { in: ids('customer') } }, select: { id: true } }),
      db.supportCase.findMany({ where: { id: { in: ids('supportCase') }, requesterKind: 'external' }, select: { id: true } }),
      db.prospect.findMany({ where: { id: { in: ids('prospect') } }, select: { id: true } }),
    ]);
    const known = new Set([
      ...users.map((u) => `user/${u.id}`),
      ...customers.map((c) => `customer/${c.id}`),
      ...cases.map((c) => `supportCase/${c.id}`),
      ...prospects.map((p) => `prospect/${p.id}`),
    ]);
    const withoutSubject = subjects.filter((s) => !known.has(`${s.kind}/${s.id}`)).map((s) => s.workflowId);
    return { code: run.code, output: run.output, workflowsStarted: subjects.length, withoutSubject, answers: await answers() };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    worker?.shutdown();
    await running?.catch(() => {});
    await connection.close();
    await temporal.connection.close();
    await db.$disconnect();
  }
}

function fuzzArgs(
  base: string,
  token: string,
  { maxExamples, seed, maxTimeS, phases = 'examples,coverage,fuzzing' }: FuzzOptions,
): string[] {
  return [
    'run',
    `${base}/api/v1/openapi.json`,
    '--url',
    base,
    '-H',
    `Authorization: Bearer ${token}`,
    // No 5xx, and every answer is a documented status with a documented content type.
    '--checks',
    'not_a_server_error,status_code_conformance,content_type_conformance',
    '--phases',
    phases,
    '--max-examples',
    String(maxExamples),
    '--seed',
    seed,
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--max-time',
    String(maxTimeS),
    '--suppress-health-check',
    'all',
    '--no-color',
  ];
}

function runSchemathesis(
  bin: string,
  args: string[],
  limitMs: number,
  onOutput?: (chunk: string) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Loopback only: no proxy from the environment may carry the fuzzer's traffic elsewhere.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', NO_PROXY: '*' };
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const collect = (c: Buffer) => {
      output += c.toString();
      onOutput?.(c.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The app's answers during the run, by route pattern and status (its own request metric). */
async function answers(): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const v of (await apiMetrics.requests.get()).values) {
    if (v.metricName !== 'nitd_http_request_duration_seconds_count') continue;
    const { route, status } = v.labels as { route: string; status: string };
    (out[route] ??= {})[status] = (out[route]?.[status] ?? 0) + v.value;
  }
  return out;
}
