// `npm run bench:ageing [-- --rows 1000000 --overdue 0.2]`: the ageing sweep (jobs/ageing) against a
// plain SQL UPDATE of the same rows, in the same run, on the same table. `--rows` CRM activities
// (default 1 000 000) over 1 000 customers, `--overdue` of them (20 %) dated 5 to 6 years back,
// the rest within the last 4 years. The UPDATE and the sweep run twice each, alternating, each on the
// rows put back and the table vacuumed; the sweep runs as the schedule runs it (the workflow on the
// bench worker, batches of AGEING_BATCH_SIZE). Their mean rates are compared. Throughout, three probes play the services' writes on their own
// connections: an update of an overdue row picked at random (now and then one a batch holds), an
// insert of a new activity, and a ledger append's advisory lock; each reports how long it waited. Target: the
// sweep at ≥ 0.5 of the UPDATE's rows/s. Saves bench/results/ageing.json.
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config/env';
import { AGEING_BATCH_SIZE, type AgeingSweepSummary } from '../jobs/ageing/contract';
import { ageingInput } from '../jobs/ageing/schedule';
import { ageingSweepWorkflow } from '../jobs/ageing/workflow';
import { LEDGER_LOCKS } from '../ledger/ledger';
import { ageingCutoffMs } from '../policy/ageing';
import { createTemporalClient } from '../temporal/client';
import { uniqueId } from '../testkit/ids';
import { saveResult, startBenchStack } from './support/benchStack';

const { values: opts } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, overdue: { type: 'string', default: '0.2' } },
});
const ROWS = Number(opts.rows);
const OVERDUE_SHARE = Number(opts.overdue);
const CUSTOMERS = 1000;
const log = (m: string) => console.log(`[bench:ageing] ${m}`);

/** Every n-th row is overdue (n = 5 for 20 %), spread through the table like real history. */
const EVERY = Math.round(1 / OVERDUE_SHARE);
const PERSONAL = `"contactName" = 'Kontakt ' || "id", "contactEmail" = "id" || '@kunde.example', "notes" = 'Ringte kontaktpersonen om fornyelse, ' || "id"`;

async function seed(sql: pg.Client): Promise<number> {
  await sql.query(
    `INSERT INTO "Customer" ("id", "type", "name", "updatedAt")
     SELECT 'bench-cust-' || i, 'business', 'Bedrift ' || i, now() FROM generate_series(1, ${CUSTOMERS}) i`,
  );
  // Overdue: 5 to 6 years back; the rest within the last 4 years (never due during the bench).
  await sql.query(
    `INSERT INTO "CrmActivity" ("id", "customerId", "kind", "productLine", "amountNok", "occurredAt", "contactName", "contactEmail", "notes")
     SELECT 'bench-act-' || lpad(i::text, 8, '0'), 'bench-cust-' || (i % ${CUSTOMERS} + 1), 'call', 'drift', 1200,
            CASE WHEN i % ${EVERY} = 0 THEN now() - interval '5 years 2 days' - (i % 360) * interval '1 day'
                 ELSE now() - (i % 1460) * interval '1 day' END,
            'Kontakt ' || i, i || '@kunde.example', 'Ringte kontaktpersonen om fornyelse, ' || i
     FROM generate_series(1, ${ROWS}) i`,
  );
  await sql.query(`VACUUM ANALYZE "CrmActivity"`);
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CrmActivity" WHERE "id" LIKE 'bench-act-%'`);
  return rows[0]!.n;
}

/** Puts the aged rows back as they were before (values, anonymisedAt NULL), and vacuums. */
async function putBack(sql: pg.Client): Promise<void> {
  await sql.query(`UPDATE "CrmActivity" SET ${PERSONAL}, "anonymisedAt" = NULL WHERE "anonymisedAt" IS NOT NULL`);
  await sql.query(`VACUUM ANALYZE "CrmActivity"`);
}

const round = (x: number) => Math.round(x * 100) / 100;

interface ProbeStats {
  probes: number;
  maxMs: number;
  p99Ms: number;
  /** Probes that waited more than 50 ms: they met a lock. */
  over50ms: number;
}

/**
 * A service's write, repeated on its own connection until stopped: how long each one took. Each
 * runs in a transaction that is rolled back, so the probes change nothing the sweep reads.
 */
function probe(url: string, statement: (sql: pg.Client) => Promise<unknown>) {
  const sql = new pg.Client({ connectionString: url });
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    await sql.connect();
    while (running) {
      const t0 = performance.now();
      await sql.query('BEGIN');
      await statement(sql);
      await sql.query('ROLLBACK');
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    await sql.end();
  })();
  return {
    async stop(): Promise<ProbeStats> {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        probes: times.length,
        maxMs: round(sorted.at(-1) ?? 0),
        p99Ms: round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        over50ms: times.filter((t) => t > 50).length,
      };
    },
  };
}

type Waits = Record<'overdueRowUpdate' | 'newActivityInsert' | 'ledgerAppendLock', ProbeStats>;

/** The three service writes, probed while `work` runs. */
async function probed<T>(url: string, overdueIds: string[], work: () => Promise<T>) {
  const probes = {
    // An overdue row picked at random: now and then one a batch holds (the plain UPDATE: every row it has reached).
    overdueRowUpdate: probe(url, (sql) =>
      sql.query(`UPDATE "CrmActivity" SET "kind" = "kind" WHERE "id" = $1`, [overdueIds[Math.floor(Math.random() * overdueIds.length)]]),
    ),
    newActivityInsert: probe(url, (sql) =>
      sql.query(
        `INSERT INTO "CrmActivity" ("id", "customerId", "kind", "productLine", "occurredAt", "contactName")
         VALUES ($1, 'bench-cust-1', 'call', 'drift', now(), 'Ny kontakt')`,
        [uniqueId('probe')],
      ),
    ),
    ledgerAppendLock: probe(url, (sql) => sql.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCKS.Evidence])),
  };
  const t0 = performance.now();
  const result = await work();
  const seconds = (performance.now() - t0) / 1000;
  const waits: Waits = {
    overdueRowUpdate: await probes.overdueRowUpdate.stop(),
    newActivityInsert: await probes.newActivityInsert.stop(),
    ledgerAppendLock: await probes.ledgerAppendLock.stop(),
  };
  return { result, seconds, waits };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ LOG_LEVEL: 'warn' }, { persistent: false });
  const config = loadConfig(stack.env);
  const temporal = await createTemporalClient(config);
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  try {
    const t0 = Date.now();
    const total = await seed(sql);
    log(`seeded ${total} CRM activities in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const input = ageingInput(config.policy, config.ageingEveryMs);
    const cutoff = new Date(ageingCutoffMs(Date.now() + input.lookaheadMs, config.policy)).toISOString();
    const { rows: due } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CrmActivity" WHERE "anonymisedAt" IS NULL AND "occurredAt" <= $1::timestamp`,
      [cutoff],
    );
    const overdue = due[0]!.n;
    const { rows: ids } = await sql.query<{ id: string }>(
      `SELECT "id" FROM "CrmActivity" WHERE "anonymisedAt" IS NULL AND "occurredAt" <= $1::timestamp`,
      [cutoff],
    );
    const overdueIds = ids.map((r) => r.id);
    log(`${overdue} overdue (dated up to ${cutoff})`);

    const plainUpdate = async (label: string) => {
      const run = await probed(stack.databaseUrl, overdueIds, () =>
        sql.query(
          `UPDATE "CrmActivity" SET "contactName" = NULL, "contactEmail" = NULL, "notes" = NULL, "anonymisedAt" = now()
           WHERE "anonymisedAt" IS NULL AND "occurredAt" <= $1::timestamp`,
          [cutoff],
        ),
      );
      const rows = run.result.rowCount ?? 0;
      const rowsPerSecond = Math.round(rows / run.seconds);
      log(`${label}: ${rows} rows in ${run.seconds.toFixed(2)} s (${rowsPerSecond} rows/s), one transaction`);
      return { rows, seconds: round(run.seconds), rowsPerSecond, lockWaits: run.waits };
    };

    const sweep = async (label: string) => {
      const run = await probed(
        stack.databaseUrl,
        overdueIds,
        () =>
          temporal.workflow.execute(ageingSweepWorkflow, {
            taskQueue: config.temporal.taskQueue,
            workflowId: uniqueId('bench-ageing'),
            args: [input],
          }) as Promise<AgeingSweepSummary>,
      );
      const s = run.result;
      const rows = s.rows.CrmActivity;
      const rowsPerSecond = Math.round(rows / run.seconds);
      const { rows: left } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "CrmActivity" WHERE "occurredAt" <= $1::timestamp AND "contactName" IS NOT NULL`,
        [cutoff],
      );
      log(
        `${label}: ${rows} rows in ${run.seconds.toFixed(2)} s (${rowsPerSecond} rows/s), ${s.batches} batches, ` +
          `${s.evidenceRecords} evidence records, row locks held ${s.maxLockedMs} ms at most per batch, ${left[0]!.n} overdue left`,
      );
      return {
        rows,
        seconds: round(run.seconds),
        rowsPerSecond,
        batches: s.batches,
        evidenceRecords: s.evidenceRecords,
        maxBatchLockMs: s.maxLockedMs,
        overdueLeft: left[0]!.n,
        lockWaits: run.waits,
      };
    };

    // Alternating, each on the rows put back and the table vacuumed, so neither gets the fresher
    // table (the first statement after seeding is the fastest) or the more bloated one.
    const updates = [await plainUpdate('plain UPDATE 1')];
    await putBack(sql);
    const sweeps = [await sweep('sweep 1')];
    await putBack(sql);
    updates.push(await plainUpdate('plain UPDATE 2'));
    await putBack(sql);
    sweeps.push(await sweep('sweep 2'));

    const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const updateRate = mean(updates.map((u) => u.rowsPerSecond));
    const sweepRate = mean(sweeps.map((x) => x.rowsPerSecond));
    const ratio = round(sweepRate / updateRate);
    const complete = sweeps.every((x) => x.overdueLeft === 0 && x.rows === overdue);
    const pass = ratio >= 0.5 && complete;
    const worst = (pick: (w: Waits) => ProbeStats, runs: Array<{ lockWaits: Waits }>) =>
      runs.map((r) => pick(r.lockWaits)).reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
    const w = (pick: (w: Waits) => ProbeStats, runs: Array<{ lockWaits: Waits }>) => {
      const x = worst(pick, runs);
      return `max ${x.maxMs} ms, p99 ${x.p99Ms} ms, ${x.over50ms}/${x.probes} over 50 ms`;
    };
    const probesOf = (runs: Array<{ lockWaits: Waits }>) =>
      `overdue row update ${w((x) => x.overdueRowUpdate, runs)}; insert ${w((x) => x.newActivityInsert, runs)}; ledger lock ${w((x) => x.ledgerAppendLock, runs)}`;
    console.log(
      [
        '',
        `  ageing sweep vs plain UPDATE: ${total} CRM activities, ${overdue} overdue, ${os.cpus().length} cores (load ${os.loadavg()[0]!.toFixed(1)}), one worker process, Temporal dev server in memory`,
        `  plain UPDATE   ${String(updateRate).padStart(8)} rows/s mean (${updates.map((u) => `${u.rowsPerSecond} in ${u.seconds} s`).join(', ')}), one transaction each`,
        `  sweep          ${String(sweepRate).padStart(8)} rows/s mean (${sweeps.map((x) => `${x.rowsPerSecond} in ${x.seconds} s`).join(', ')}), batches of ${AGEING_BATCH_SIZE}, ${sweeps[0]!.evidenceRecords} evidence records each`,
        `  ratio          ${ratio} of the plain UPDATE (target >= 0.5)`,
        `  longest lock a service write waits on:`,
        `    sweep: a batch holds its rows ${Math.max(...sweeps.map((x) => x.maxBatchLockMs))} ms at most (from its locking statement to its commit)`,
        `    probes during the sweeps:  ${probesOf(sweeps)}`,
        `    probes during the UPDATEs: ${probesOf(updates)}`,
        `  overdue rows left with personal data after each sweep: ${sweeps.map((x) => x.overdueLeft).join(', ')}`,
        '',
      ].join('\n'),
    );
    saveResult('ageing', {
      node: process.version,
      loadAverage: os.loadavg().map(round),
      rows: total,
      overdue,
      batchSize: AGEING_BATCH_SIZE,
      plainUpdate: { rowsPerSecond: updateRate, runs: updates },
      sweep: { rowsPerSecond: sweepRate, runs: sweeps },
      ratio,
      target: 0.5,
      pass,
    });
    log(pass ? 'PASS' : 'FAIL');
    process.exitCode = pass ? 0 : 1;
  } finally {
    await sql.end();
    await temporal.connection.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
