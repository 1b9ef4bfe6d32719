// Fuzzes the service API from its own OpenAPI document with schemathesis (from .tools/venv): the
// real app on a loopback port, a real worker on its own task queue (so a valid termination the
// fuzzer happens to build succeeds instead of timing out), the given Postgres and Temporal.
// The suite's short run and `npm run fuzz`'s long one share this.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../api/app';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { resolveExtraTool } from '../scripts/tools';
import { createTemporalClient } from '../temporal/client';
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
}

export async function fuzzServiceApi(opts: FuzzOptions): Promise<FuzzResult> {
  quietRuntime();
  const token = uniqueId('fuzz-token');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_TASK_QUEUE: uniqueId('fuzz'),
    API_TOKENS: `service:${token}`,
    // The fuzzer sends thousands of requests a minute with one token, from one address.
    ...GENEROUS_RATE_LIMITS,
  });
  const db = createDb(opts.databaseUrl);
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
      ledger: createLedger(config.ledger),
      shutdownGraceMs: 5_000,
    });
    running = worker.run();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bin = await resolveExtraTool('fuzz');
    const run = await runSchemathesis(bin, fuzzArgs(base, token, opts), (opts.maxTimeS + 60) * 1000, opts.onOutput);
    const subjects = await lifecycleSubjectsOnQueue(temporal, config.temporal.taskQueue);
    const ids = (kind: string) => subjects.filter((s) => s.kind === kind).map((s) => s.id);
    const [users, customers] = await Promise.all([
      db.userAccount.findMany({ where: { id: { in: ids('user') } }, select: { id: true } }),
      db.customer.findMany({ where: { id: { in: ids('customer') } }, select: { id: true } }),
    ]);
    const known = new Set([...users.map((u) => `user/${u.id}`), ...customers.map((c) => `customer/${c.id}`)]);
    const withoutSubject = subjects.filter((s) => !known.has(`${s.kind}/${s.id}`)).map((s) => s.workflowId);
    return { ...run, workflowsStarted: subjects.length, withoutSubject };
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
