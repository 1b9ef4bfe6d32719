// `npm run backfill [-- --concurrency 50]`: gives every existing user and customer a lifecycle
// workflow, the day the pipeline is introduced (active → ACTIVE; deactivated users and ended
// customers → terminated as of their deactivation or end). Safe to re-run and to interrupt: every
// call is idempotent, and the last finished page of each kind is kept in
// .data/backfill-checkpoint.json so a rerun resumes there (--restart ignores it).
import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/client';
import { createTemporalClient } from '../temporal/client';
import { runBackfill, subjectKinds } from './backfillSubjects';
import { PROJECT_ROOT } from '../scripts/tools';

const { values: opts } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '50' },
    checkpoint: { type: 'string', default: path.join(PROJECT_ROOT, '.data', 'backfill-checkpoint.json') },
    restart: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const db = createDb(requireDatabaseUrl(config));
  const temporal = await createTemporalClient(config);
  const checkpointFile = opts.checkpoint!;
  const resumeAfter: Record<string, string> =
    !opts.restart && fs.existsSync(checkpointFile) ? JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) : {};
  if (Object.keys(resumeAfter).length) console.log(`resuming after ${JSON.stringify(resumeAfter)} (--restart to start over)`);
  // One bar per kind, each with its own rate: users and customers page at different speeds.
  const bars = new MultiBar(
    { format: '{kind} |{bar}| {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  const byKind: Record<string, SingleBar> = {};
  const startedAt: Record<string, number> = {};
  try {
    const result = await runBackfill(subjectKinds({ db, temporal, taskQueue: config.temporal.taskQueue, policy: config.policy }), {
      concurrency: Number(opts.concurrency),
      resumeAfter,
      onTotal: (_total, totals) => {
        for (const [kind, total] of Object.entries(totals)) byKind[kind] = bars.create(total, 0, { kind: kind.padEnd(8), rate: '0' });
      },
      onProgress: ({ kind, done, lastId }) => {
        startedAt[kind] ??= Date.now();
        byKind[kind]?.update(done, { rate: (done / Math.max(0.001, (Date.now() - startedAt[kind]!) / 1000)).toFixed(0) });
        if (lastId && resumeAfter[kind] !== lastId) {
          resumeAfter[kind] = lastId;
          fs.mkdirSync(path.dirname(checkpointFile), { recursive: true });
          fs.writeFileSync(checkpointFile, JSON.stringify(resumeAfter));
        }
      },
    });
    bars.stop();
    console.log(`done in ${result.seconds.toFixed(1)} s`);
    for (const [kind, counts] of Object.entries(result.byKind)) console.log(`  ${kind.padEnd(8)} ${JSON.stringify(counts)}`);
    for (const f of result.failures.slice(0, 20)) console.log(`  failed: ${f.kind} ${f.id}: ${f.error}`);
    if (result.failures.length === 0) fs.rmSync(checkpointFile, { force: true });
    process.exitCode = result.failures.length ? 1 : 0;
  } finally {
    bars.stop();
    await temporal.connection.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
