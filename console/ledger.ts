// Both ledgers' check for the console's ledger page: the same recomputation as
// `npm run evidence:verify` and the auditor's API (ledger/verify.ts), timed.
import type { Db } from '../db/client';
import type { Ledger } from '../ledger/ledger';
import { verifyLedgers, type ChainReport } from '../ledger/verify';
import type { LedgerCheck } from './records';

// The console's record type is the ledger's report plus two fields: fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<Omit<LedgerCheck, 'id' | 'tookMs'>, ChainReport> = true;
void sameShape;

export async function checkLedger(db: Db, ledger: Ledger): Promise<LedgerCheck> {
  const started = Date.now();
  const report = await verifyLedgers(db, ledger);
  return { id: 'ledger', ...report, tookMs: Date.now() - started };
}
