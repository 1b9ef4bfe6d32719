// `npm run restore:re-purge [-- --dry-run]`: run it after restoring Postgres from a backup, with the
// worker running. Reads the erasure journal (ERASURE_JOURNAL_DIR, kept outside the database), finds
// everyone it names whom the restored database has brought back, and erases them again under
// backups.re-purge, waiting for each; the ledger records every re-erasure. The last line is a JSON
// summary. Settings as `npm start` reads them; DATABASE_URL defaults to npm start's embedded
// Postgres. docs/deployment.md, "Backups", has the whole procedure.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { readJournal } from '../lifecycles/shared/erasureJournal';
import { loadStartEnv } from '../scripts/start-env';
import { PROJECT_ROOT } from '../scripts/tools';
import { createTemporalClient } from '../temporal/client';
import { planRePurge, runRePurge } from './rePurgeSubjects';

const EMBEDDED_DEV_URL = 'postgresql://postgres:postgres@127.0.0.1:54329/nitd';
const { values: opts } = parseArgs({
  options: { 'dry-run': { type: 'boolean', default: false }, concurrency: { type: 'string', default: '20' } },
});

async function main(): Promise<void> {
  const { env } = loadStartEnv(PROJECT_ROOT);
  const config = loadConfig(env, 'worker');
  const db = createDb(env.DATABASE_URL ?? EMBEDDED_DEV_URL);
  try {
    const { entries, unreadable } = await readJournal(config.erasureJournalDir);
    console.error(
      `erasure journal ${config.erasureJournalDir}: ${entries.length} entries${unreadable ? `, ${unreadable} unreadable lines skipped` : ''}`,
    );
    if (entries.length === 0)
      console.error('  nothing journalled: check ERASURE_JOURNAL_DIR points at the journal kept with this deployment');
    const { plans, named } = await planRePurge(db, entries);
    console.error(`${named} erased subjects named; ${plans.length} brought back by the restore`);
    for (const p of plans.slice(0, 20)) console.error(`  ${p.subjectKind} ${p.subjectId}: ${p.steps.join(', ')}`);
    if (plans.length > 20) console.error(`  … and ${plans.length - 20} more`);
    if (opts['dry-run'] || plans.length === 0) {
      console.log(JSON.stringify({ named, toErase: plans.length, erased: 0, failed: 0, dryRun: opts['dry-run'] }));
      return;
    }
    const temporal = await createTemporalClient(config);
    try {
      const outcome = await runRePurge(temporal, plans, {
        taskQueue: config.temporal.taskQueue,
        policyVersion: config.policy.version,
        reason: 'backup-restore',
        concurrency: Number(opts.concurrency),
        onDone: (done) => done % 100 === 0 && console.error(`  ${done}/${plans.length} erased again`),
      });
      for (const f of outcome.failed.slice(0, 20)) console.error(`  FAILED ${f.subjectKind} ${f.subjectId}: ${f.error}`);
      console.log(JSON.stringify({ named, toErase: plans.length, erased: outcome.erased, failed: outcome.failed.length, dryRun: false }));
      if (outcome.failed.length) process.exitCode = 1;
    } finally {
      await temporal.connection.close();
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: Error) => {
  console.error(`re-purge failed: ${err.message}`);
  process.exit(1);
});
