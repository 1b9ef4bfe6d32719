// `npm run evidence:verify`: recomputes the evidence ledger's hash chain and exits 1 at the first
// broken link, naming it. Reads DATABASE_URL (environment or .env); without it, the embedded
// Postgres that `npm start` runs on port 54329.
import { loadStartEnv } from '../scripts/start-env';
import { PROJECT_ROOT } from '../scripts/tools';
import { createDb } from '../db/client';
import { verifyEvidenceChain } from '../ledger/verify';

const EMBEDDED_DEV_URL = 'postgresql://postgres:postgres@127.0.0.1:54329/nitd';

async function main(): Promise<void> {
  const { env } = loadStartEnv(PROJECT_ROOT);
  const db = createDb(env.DATABASE_URL ?? EMBEDDED_DEV_URL);
  try {
    const report = await verifyEvidenceChain(db);
    console.log(JSON.stringify(report, null, 2));
    if (report.ok) {
      console.log(
        `evidence chain intact: ${report.records} records (${report.beforeChain} written before the chain), head ${report.headHash ?? '(empty)'}`,
      );
    } else {
      const b = report.firstBroken!;
      console.error(`evidence chain BROKEN at seq ${b.seq} (id ${b.id}): ${b.problem} mismatch`);
      process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
