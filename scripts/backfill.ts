// `npm run backfill [-- --concurrency 50]`: gives every existing user a lifecycle workflow, the
// day the pipeline is introduced (active users → ACTIVE; deactivated users → terminated as of their
// deactivation). Safe to re-run and to interrupt: every call is idempotent, and the last finished
// page is kept in .data/backfill-checkpoint.json so a rerun resumes there (--restart ignores it).
import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/client';
import { createTemporalClient } from '../temporal/client';
import { runBackfill, subjectKinds } from './backfillSubjects';
import { PROJECT_ROOT } from './tools';

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
  const resumeAfter: Record<string, string> = !opts.restart && fs.existsSync(checkpointFile) ? JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) : {};
  if (Object.keys(resumeAfter).length) console.log(`resuming after ${JSON.stringify(resumeAfter)} (--restart to start over)`);
  const bar = new SingleBar({ format: 'backfill |{bar}| {value}/{total} subjects | {rate}/s | ETA {eta_formatted}', hideCursor: true }, Presets.shades_classic);
  const t0 = Date.now();
  let value = 0;
  try {
    const result = await runBackfill(subjectKinds({ db, temporal, taskQueue: config.temporal.taskQueue, policy: config.policy }), {
      concurrency: Number(opts.concurrency),
      resumeAfter,
      onTotal: (total) => bar.start(total, 0, { rate: '0' }),
      onProgress: ({ kind, lastId }) => {
        value++;
        bar.update(value, { rate: (value / ((Date.now() - t0) / 1000)).toFixed(0) });
        if (lastId && resumeAfter[kind] !== lastId) {
          resumeAfter[kind] = lastId;
          fs.mkdirSync(path.dirname(checkpointFile), { recursive: true });
          fs.writeFileSync(checkpointFile, JSON.stringify(resumeAfter));
        }
      },
    });
    bar.stop();
    console.log(`done in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}`);
    for (const f of result.failures.slice(0, 20)) console.log(`  failed: ${f.kind} ${f.id}: ${f.error}`);
    if (result.failures.length === 0) fs.rmSync(checkpointFile, { force: true });
    process.exitCode = result.failures.length ? 1 : 0;
  } finally {
    bar.stop();
    await temporal.connection.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
