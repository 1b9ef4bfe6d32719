// `npm run bench:admin-list [-- --real 1000 --rows 10000 --requests 400]`: how fast the admin
// console's lifecycle list answers at 10 000+ workflows: p50/p95/p99 of filtered, sorted pages of
// 25 over HTTP against the real API process. The goal (p95 ≤ 100 ms) lives here, not in a test:
// the 2-core CI box is too noisy for timed assertions.
//
// The mix: `--real` lifecycles are real workflows (users terminated through the service API, so
// the worker writes their rows through the projection activity, exactly as in production), plus
// `--rows` projection rows written in bulk with the same writer's shape (kinds, phases, statuses,
// due dates over 16 weeks, holds, 400 customers), because starting 10 000 workflows on a laptop dev
// server takes longer than the measurement is worth. The list query never touches Temporal, so
// the rows' origin does not change what is measured.
import { parseArgs } from 'node:util';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { createDb } from '../db/client';
import { getFreePort } from '../scripts/ports';
import { startAppProcess, type AppProcess } from '../testkit/appProcess';
import { startServers } from '../testkit/servers';
import { uniqueId } from '../testkit/ids';
import { saveResult } from './support/benchStack';
import { DAY, seedProjectionRows, startRealLifecycles } from './support/lifecycleRows';

const { values: opts } = parseArgs({
  options: {
    real: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '20' },
  },
});
const REAL = Number(opts.real);
const ROWS = Number(opts.rows);
const REQUESTS = Number(opts.requests);
const log = (msg: string) => console.log(`[admin-list] ${msg}`);
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const ADMIN_TOKEN = 'bench-admin';
const SERVICE_TOKEN = 'bench-service';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startServers({ temporal: true });
  const db = createDb(stack.databaseUrl);
  const procs: AppProcess[] = [];
  try {
    log(`Postgres + Temporal dev server ready in ${since(t0)}`);
    const port = await getFreePort();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress!,
      TEMPORAL_TASK_QUEUE: uniqueId('admin-list'),
      API_TOKENS: `admin:${ADMIN_TOKEN},service:${SERVICE_TOKEN}`,
      LOG_LEVEL: 'info', // the start-up lines below are info
    };
    procs.push(startAppProcess('worker/main.ts', { ...env, METRICS_PORT: String(await getFreePort()) }, { viaNodeImport: true }));
    procs.push(startAppProcess('api/server.ts', { ...env, PORT: String(port) }, { viaNodeImport: true }));
    await procs[0]!.waitFor(/worker polling/, 120_000);
    await procs[1]!.waitFor(/listening/, 120_000);
    const api = `http://127.0.0.1:${port}`;

    const customers = Array.from({ length: 400 }, () => uniqueId('cust'));
    await db.customer.createMany({ data: customers.map((id) => ({ id, type: 'business' as const, name: faker.company.name() })) });
    let t = Date.now();
    await startRealLifecycles(api, db, customers[0]!, { real: REAL, concurrency: Number(opts.concurrency), serviceToken: SERVICE_TOKEN });
    log(`${REAL} real user lifecycles terminated and projected by the worker in ${since(t)}`);
    t = Date.now();
    await seedProjectionRows(db, customers, ROWS);
    const total = await db.lifecycleProjection.count();
    log(`${ROWS} more projection rows in ${since(t)}; ${total} lifecycles listed in all`);
    await db.$executeRawUnsafe('ANALYZE "LifecycleProjection"');

    const in30 = new Date(Date.now() + 30 * DAY).toISOString();
    const scenarios: [string, Record<string, unknown>, [string, string], number][] = [
      ['quarantined users, by due date', { kind: 'user', phase: 'QUARANTINED', status: 'running' }, ['dueAt', 'ASC'], 0],
      ['quarantined users, page 20', { kind: 'user', phase: 'QUARANTINED' }, ['dueAt', 'ASC'], 475],
      ['running, due in 30 days', { status: 'running', dueAt_lte: in30 }, ['dueAt', 'ASC'], 0],
      ['one customer, by due date desc', { customerId: customers[7] }, ['dueAt', 'DESC'], 0],
      ['on hold', { onHold: true }, ['updatedAt', 'DESC'], 0],
      ['everything, by due date', {}, ['dueAt', 'ASC'], 0],
      ['customers ended, by due', { kind: 'customer', phase: 'ENDED' }, ['dueAt', 'ASC'], 0],
    ];
    const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
    const get = async (filter: object, sort: [string, string], start: number) => {
      const started = performance.now();
      const res = await fetch(`${api}/api/admin/lifecycles?filter=${q(filter)}&sort=${q(sort)}&range=${q([start, start + 24])}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const body = (await res.json()) as unknown[];
      const ms = performance.now() - started;
      if (res.status !== 200 || !Array.isArray(body)) throw new Error(`list answered ${res.status}`);
      return { ms, range: res.headers.get('content-range') ?? '' };
    };
    for (const [, f, s, start] of scenarios) for (let i = 0; i < 5; i++) await get(f, s, start); // warm-up

    const all: number[] = [];
    const lines: string[] = [];
    for (const [name, filter, sort, start] of scenarios) {
      const times: number[] = [];
      let range = '';
      for (let i = 0; i < Math.ceil(REQUESTS / scenarios.length); i++) {
        const r = await get(filter, sort, start);
        times.push(r.ms);
        range = r.range;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      lines.push(`  ${name.padEnd(34)}${range.padEnd(30)}${[50, 95, 99].map((p) => percentile(times, p).toFixed(1).padStart(8)).join('')}`);
    }
    all.sort((a, b) => a - b);
    const p95 = percentile(all, 95);
    console.log(
      [
        '',
        `  ${total} lifecycles (${REAL} real workflows + ${ROWS} bulk rows); sequential GETs of 25 over HTTP, ms`,
        `  ${'scenario'.padEnd(34)}${'Content-Range'.padEnd(30)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}`,
        ...lines,
        `  ${'all'.padEnd(64)}${[50, 95, 99].map((p) => percentile(all, p).toFixed(1).padStart(8)).join('')}`,
        '',
        `  goal p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'} (${all.length} requests)`,
        '',
      ].join('\n'),
    );
    saveResult('admin-list', {
      lifecycles: total,
      requests: all.length,
      msP50: percentile(all, 50),
      msP95: p95,
      msP99: percentile(all, 99),
      scenarios: lines.map((l) => l.trim()),
      target: 'p95 ≤ 100 ms',
      ok: p95 <= 100,
    });
    if (p95 > 100) process.exitCode = 1;
  } finally {
    for (const p of procs) p.signal('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
