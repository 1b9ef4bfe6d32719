// `npm run projection:rebuild`: repairs the admin console's list (LifecycleProjection) from Temporal
// visibility. Workflows write their own rows as they go; this catches what they cannot: a
// workflow that failed or was terminated from outside, a row lost to a database restore, a
// workflow that started before projections existed and has not changed since.
//
// Closed workflows are written with a version taken from their close time, which beats every write
// the run itself made. Running workflows only get a row if they have none (version 0): their own
// writes are fresher than visibility, which lags.
import type { Client } from '@temporalio/client';
import { config as loadDotenv } from 'dotenv';
import { rowFromTemporal } from '../console/projectionRepair';
import { writeProjection } from '../lifecycles/shared/projectionStore';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb, type Db } from '../db/client';
import { createTemporalClient } from '../temporal/client';

export interface RebuildReport {
  seen: number;
  written: number;
  skipped: number;
}

export async function rebuildProjection(
  db: Db,
  temporal: Client,
  query = 'LifecycleKind = "user" OR LifecycleKind = "customer"',
): Promise<RebuildReport> {
  const report: RebuildReport = { seen: 0, written: 0, skipped: 0 };
  for await (const info of temporal.workflow.list({ query })) {
    report.seen++;
    const row = rowFromTemporal(info);
    if (row && (await writeProjection(db, row))) report.written++;
    else report.skipped++;
  }
  return report;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env, 'api');
  const db = createDb(requireDatabaseUrl(config));
  const temporal = await createTemporalClient(config);
  try {
    const started = Date.now();
    const r = await rebuildProjection(db, temporal);
    console.log(
      `projection rebuilt from Temporal visibility in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.seen} workflows seen, ${r.written} rows written, ${r.skipped} already current or not lifecycles`,
    );
  } finally {
    await temporal.connection.close();
    await db.$disconnect();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
