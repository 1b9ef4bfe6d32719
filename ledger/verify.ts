// Recomputes both ledgers (Evidence, AdminAction) from the database and names the first broken
// link of each: content that no longer matches its hash, a record that does not follow its
// predecessor, a record without hash or seal, a seal that does not verify under LEDGER_KEYS, and a
// tail cut off after its last anchor (ledger/anchors.ts). Used by `npm run evidence:verify` and
// the auditor endpoint, so both give the same answer. Reads only: the runtime role can run it.
import type { Db } from '../db/client';
import { adminActionHash, checkSeal, GENESIS_HASH, recordHash, type LedgerName } from './chain';
import { databaseName } from './anchors';
import type { Ledger } from './ledger';

export type Problem =
  /** The record's content no longer matches its hash. */
  | 'hash'
  /** It does not follow its predecessor: a record before it was deleted, reordered or rewritten. */
  | 'prevHash'
  /** It has no hash: never chained. */
  | 'unchained'
  /** It has no seal although sealed records came before it. */
  | 'unsealed'
  /** Its seal does not verify: rewritten and re-hashed without the ledger key. */
  | 'seal'
  /** Sealed with a key LEDGER_KEYS no longer lists. */
  | 'key'
  /** An anchored record is gone: the newest records were cut off. */
  | 'truncated';

export interface BrokenLink {
  seq: string;
  /** null when the record itself is gone (truncated). */
  id: string | null;
  problem: Problem;
  expected: string | null;
  found: string | null;
}

export interface LedgerReport {
  ledger: LedgerName;
  ok: boolean;
  records: number;
  /** Records chained before ledger keys existed (Evidence only); the first sealed record vouches for them. */
  unsealedPrefix: number;
  headHash: string | null;
  headSeq: string | null;
  /** The newest record an anchor vouches for; null without anchors. */
  anchoredSeq: string | null;
  firstBroken: BrokenLink | null;
}

/** The Evidence ledger's report at the top level (as before), the admin actions' beside it. */
export interface ChainReport extends Omit<LedgerReport, 'ledger'> {
  adminActions: LedgerReport;
  /** Anchor files read, and lines whose seal failed (forged, or under a key no longer listed). */
  anchors: { enabled: boolean; files: number; invalidLines: number };
  checkedAt: string;
}

const PAGE = 1000;

interface Row {
  id: string;
  seq: bigint;
  prevHash: string | null;
  hash: string | null;
  keyId: string | null;
  mac: string | null;
}

const readers: Record<LedgerName, { page: (db: Db, after: bigint) => Promise<Row[]>; hash: (r: never) => string }> = {
  Evidence: {
    page: (db, after) => db.evidence.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE }),
    hash: recordHash as (r: never) => string,
  },
  AdminAction: {
    page: (db, after) => db.adminAction.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE }),
    hash: adminActionHash as (r: never) => string,
  },
};

async function verifyLedger(
  db: Db,
  ledger: Ledger,
  name: LedgerName,
  anchored: { seq: bigint; hash: string } | undefined,
): Promise<LedgerReport> {
  let records = 0;
  let unsealedPrefix = 0;
  let sealedSeen = false;
  let previous = GENESIS_HASH;
  let headHash: string | null = null;
  let headSeq: string | null = null;
  let anchorFound = false;
  let afterSeq = -1n;
  const report = (firstBroken: BrokenLink | null): LedgerReport => ({
    ledger: name,
    ok: firstBroken === null,
    records,
    unsealedPrefix,
    headHash,
    headSeq,
    anchoredSeq: anchored ? anchored.seq.toString() : null,
    firstBroken,
  });

  for (;;) {
    const page = await readers[name].page(db, afterSeq);
    for (const r of page) {
      records++;
      afterSeq = r.seq;
      const at = { seq: r.seq.toString(), id: r.id };
      if (r.hash === null) return report({ ...at, problem: 'unchained', expected: null, found: null });
      if (r.prevHash !== previous) return report({ ...at, problem: 'prevHash', expected: previous, found: r.prevHash });
      const computed = readers[name].hash(r as never);
      if (computed !== r.hash) return report({ ...at, problem: 'hash', expected: computed, found: r.hash });
      if (r.keyId === null || r.mac === null) {
        if (sealedSeen) return report({ ...at, problem: 'unsealed', expected: null, found: null });
        unsealedPrefix++;
      } else {
        sealedSeen = true;
        const sealOk = checkSeal(ledger.keys, name, { seq: r.seq, hash: r.hash, keyId: r.keyId, mac: r.mac });
        if (sealOk === 'unknown-key') return report({ ...at, problem: 'key', expected: null, found: r.keyId });
        if (!sealOk) return report({ ...at, problem: 'seal', expected: null, found: r.mac });
      }
      if (anchored && r.seq === anchored.seq) {
        if (r.hash !== anchored.hash) return report({ ...at, problem: 'hash', expected: anchored.hash, found: r.hash });
        anchorFound = true;
      }
      previous = r.hash;
      headHash = r.hash;
      headSeq = at.seq;
    }
    if (page.length < PAGE) break;
  }
  if (anchored && !anchorFound) {
    return report({ seq: anchored.seq.toString(), id: null, problem: 'truncated', expected: anchored.hash, found: null });
  }
  return report(null);
}

export async function verifyLedgers(db: Db, ledger: Ledger): Promise<ChainReport> {
  const anchors = await ledger.anchors.read(await databaseName(db));
  const e = await verifyLedger(db, ledger, 'Evidence', anchors.heads.Evidence);
  const a = await verifyLedger(db, ledger, 'AdminAction', anchors.heads.AdminAction);
  const { ledger: _name, ...evidenceReport } = e;
  return {
    ...evidenceReport,
    ok: e.ok && a.ok && anchors.invalid === 0,
    adminActions: a,
    anchors: { enabled: ledger.anchors.dir !== undefined, files: anchors.files, invalidLines: anchors.invalid },
    checkedAt: new Date().toISOString(),
  };
}
