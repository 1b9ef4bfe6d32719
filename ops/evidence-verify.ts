// `npm run evidence:verify`: recomputes both ledgers (Evidence and AdminAction): every hash, link
// and seal, and every anchored head, and exits 1 at the first broken link, naming it. Reads
// DATABASE_URL, LEDGER_KEYS and LEDGER_ANCHOR_DIR (environment or .env); without them, the
// embedded Postgres, the development key and the anchors that `npm start` uses. Only reads: run it
// as the runtime role.
import path from 'node:path';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { createLedger } from '../ledger/ledger';
import { verifyLedgers, type LedgerReport } from '../ledger/verify';
import { embeddedRuntimeUrl } from '../scripts/startPorts';
import { loadStartEnv } from '../scripts/start-env';
import { PROJECT_ROOT } from '../scripts/tools';

async function main(): Promise<void> {
  const { env } = loadStartEnv(PROJECT_ROOT);
  const config = loadConfig({ LEDGER_ANCHOR_DIR: path.join(PROJECT_ROOT, '.data', 'ledger-anchors'), ...env }, 'worker');
  const db = createDb(config.databaseUrl ?? embeddedRuntimeUrl(env));
  try {
    const report = await verifyLedgers(db, createLedger(config.ledger));
    console.log(JSON.stringify(report, null, 2));
    const evidence: LedgerReport = { ledger: 'Evidence', ...report, ok: report.firstBroken === null };
    for (const r of [evidence, report.adminActions]) {
      const anchored = r.anchoredSeq ? `, anchored through seq ${r.anchoredSeq}` : ', no anchor';
      if (r.ok) console.log(`${r.ledger} chain intact: ${r.records} records, head ${r.headHash ?? '(empty)'}${anchored}`);
      else
        console.error(
          `${r.ledger} chain BROKEN at seq ${r.firstBroken!.seq} (id ${r.firstBroken!.id ?? 'gone'}): ${r.firstBroken!.problem}`,
        );
    }
    if (report.anchors.invalidLines > 0)
      console.error(`${report.anchors.invalidLines} anchor lines do not verify (forged, or under a key no longer listed)`);
    if (!report.anchors.enabled) console.warn('LEDGER_ANCHOR_DIR is not set: a cut-off tail cannot be detected');
    if (!report.ok) process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
