// `npm run bench:console [-- --real 1000 --rows 10000 --rounds 5]`: how fast the console feels at
// 11 000 lifecycles, in headless Chromium against the real API and worker processes: sign-in (to the
// dashboard's counts and forecast), the list, a lifecycle's page (its facts, then Temporal's live
// part), a filter, a sort and an export of the whole list, each timed from the click to what a
// person waits for. Seeds as bench:admin-list does (bench/support/lifecycleRows.ts). Prints a table
// and writes bench/results/console-nav.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { chromium, type Page } from 'playwright-core';
import { createDb } from '../db/client';
import { ensureAdminUiBuilt } from '../scripts/admin-ui-build';
import { getFreePort } from '../scripts/ports';
import { startAppProcess, type AppProcess } from '../testkit/appProcess';
import { uniqueId } from '../testkit/ids';
import { startServers } from '../testkit/servers';
import { seedProjectionRows, startRealLifecycles } from './support/lifecycleRows';

const { values: opts } = parseArgs({
  options: {
    real: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
  },
});
const REAL = Number(opts.real);
const ROWS = Number(opts.rows);
const ROUNDS = Number(opts.rounds);
const ADMIN_TOKEN = 'bench-admin';
const SERVICE_TOKEN = 'bench-service';
const log = (msg: string) => console.log(`[console-nav] ${msg}`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type Step = 'sign-in' | 'list' | 'detail (facts)' | 'detail (live)' | 'filter' | 'sort' | 'export';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/** One pass through the console as a person goes: each step timed from the click to the answer on screen. */
async function pass(page: Page, base: string): Promise<Record<Step, number>> {
  const out = {} as Record<Step, number>;
  await page.goto(`${base}/`);
  await page.getByLabel('API-nøkkel').fill(ADMIN_TOKEN);
  out['sign-in'] = await timed(async () => {
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Brukere: livssykluser').waitFor();
    await page.getByTestId('forecast').locator('.recharts-bar-rectangle').first().waitFor();
  });
  out.list = await timed(async () => {
    await page.getByRole('menuitem', { name: 'Livssykluser' }).click();
    await page.getByText(/^1–25 av \d+$/).waitFor();
  });
  const firstRow = page.locator('tbody tr').first();
  const subject = (await firstRow.locator('td').first().innerText()).trim();
  out['detail (facts)'] = await timed(async () => {
    await firstRow.click();
    await page.getByRole('heading', { name: new RegExp(subject) }).waitFor();
  });
  out['detail (live)'] =
    out['detail (facts)'] + (await timed(() => page.getByTestId('live-loading').waitFor({ state: 'detached', timeout: 30_000 })));
  await page.getByRole('menuitem', { name: 'Livssykluser' }).click();
  await page.getByText(/^1–25 av \d+$/).waitFor();
  const total = (await page.getByText(/^1–25 av \d+$/).innerText()).trim();
  out.filter = await timed(async () => {
    await page.getByRole('combobox', { name: 'Fase' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/admin/lifecycles?') && r.url().includes('QUARANTINED')),
      page.getByRole('option', { name: 'I karantene' }).click(),
    ]);
    await page
      .getByText(/^1–25 av \d+$/)
      .filter({ hasNotText: total })
      .waitFor();
  });
  const top = (await page.locator('tbody tr').first().locator('td').first().innerText()).trim();
  out.sort = await timed(async () => {
    await page.getByRole('columnheader', { name: /frist/i }).locator('.MuiTableSortLabel-root').click();
    await page.waitForURL(/order=DESC/);
    // Done when the first row is another one: the descending page is on screen.
    await page.locator('tbody tr').first().locator('td').first().filter({ hasNotText: top }).waitFor();
  });
  // The whole list, not the filtered one: 11 000 rows in pages of 500.
  await page
    .getByRole('button', { name: 'Fjern alle filtre' })
    .click()
    .catch(() => undefined);
  await page.goto(`${base}/#/lifecycles?filter=%7B%7D`);
  await page.getByText(/^1–25 av \d+$/).waitFor();
  out.export = await timed(async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export').click()]);
    await download.path();
  });
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  ensureAdminUiBuilt(log);
  const stack = await startServers({ temporal: true });
  const db = createDb(stack.databaseUrl);
  const procs: AppProcess[] = [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const port = await getFreePort();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress!,
      TEMPORAL_TASK_QUEUE: uniqueId('console-nav'),
      API_TOKENS: `admin:${ADMIN_TOKEN},service:${SERVICE_TOKEN}`,
      LOG_LEVEL: 'info',
    };
    procs.push(startAppProcess('worker/main.ts', { ...env, METRICS_PORT: String(await getFreePort()) }, { viaNodeImport: true }));
    procs.push(startAppProcess('api/server.ts', { ...env, PORT: String(port) }, { viaNodeImport: true }));
    await procs[0]!.waitFor(/worker polling/, 120_000);
    await procs[1]!.waitFor(/listening/, 120_000);
    const base = `http://127.0.0.1:${port}`;
    const customers = Array.from({ length: 400 }, () => uniqueId('cust'));
    await db.customer.createMany({ data: customers.map((id) => ({ id, type: 'business' as const, name: faker.company.name() })) });
    await startRealLifecycles(base, db, customers[0]!, { real: REAL, concurrency: 20, serviceToken: SERVICE_TOKEN });
    await seedProjectionRows(db, customers, ROWS);
    await db.$executeRawUnsafe('ANALYZE "LifecycleProjection"');
    const total = await db.lifecycleProjection.count();
    log(`${total} lifecycles (${REAL} real workflows + ${ROWS} bulk rows) ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const runs: Record<Step, number>[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', acceptDownloads: true });
      const page = await context.newPage();
      const run = await pass(page, base).catch(async (err: unknown) => {
        await page.screenshot({ path: path.join(__dirname, 'results', 'console-nav-failure.png') });
        throw err;
      });
      await context.close();
      if (i > 0) runs.push(run); // the first pass warms the server's caches and the browser's
    }
    const steps = Object.keys(runs[0]!) as Step[];
    const stats = Object.fromEntries(
      steps.map((s) => {
        const v = runs.map((r) => r[s]).sort((a, b) => a - b);
        return [s, { median: Math.round(v[Math.floor(v.length / 2)]!), max: Math.round(v.at(-1)!), samples: v.map(Math.round) }];
      }),
    );
    const lines = [
      '',
      `  ${total} lifecycles; Chromium 1440×900, ${ROUNDS} passes after a warm-up, ms from the click to the answer on screen`,
      `  ${'step'.padEnd(18)}${'median'.padStart(8)}${'max'.padStart(8)}`,
      ...steps.map((s) => `  ${s.padEnd(18)}${String(stats[s]!.median).padStart(8)}${String(stats[s]!.max).padStart(8)}`),
      '',
    ];
    console.log(lines.join('\n'));
    const result = {
      command: 'npm run bench:console',
      date: new Date().toISOString(),
      lifecycles: total,
      realWorkflows: REAL,
      bulkRows: ROWS,
      rounds: ROUNDS,
      machine: '2 cores, shared',
      steps: stats,
    };
    writeFileSync(path.join(__dirname, 'results', 'console-nav.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await browser.close();
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
