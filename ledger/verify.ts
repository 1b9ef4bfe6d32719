// Recomputes the whole evidence chain from the database and names the first broken link. Used by
// `npm run evidence:verify` and the auditor endpoint, so both give the same answer.
import type { Db } from '../db/client';
import { GENESIS_HASH, recordHash } from './chain';

export interface BrokenLink {
  seq: string;
  id: string;
  /** hash: the record's content no longer matches its hash; prevHash: it does not follow its predecessor; unchained: no hash after the chain began. */
  problem: 'hash' | 'prevHash' | 'unchained';
  expected: string | null;
  found: string | null;
}

export interface ChainReport {
  ok: boolean;
  /** Records checked, chained ones and those written before the chain existed. */
  records: number;
  beforeChain: number;
  headHash: string | null;
  headSeq: string | null;
  firstBroken: BrokenLink | null;
  checkedAt: string;
}

const PAGE = 1000;

export async function verifyEvidenceChain(db: Db): Promise<ChainReport> {
  let records = 0;
  let beforeChain = 0;
  let previous: string | null = null; // null until the first chained record
  let headSeq: string | null = null;
  let afterSeq = -1n;
  const report = (firstBroken: BrokenLink | null): ChainReport => ({
    ok: firstBroken === null,
    records,
    beforeChain,
    headHash: previous,
    headSeq,
    firstBroken,
    checkedAt: new Date().toISOString(),
  });

  for (;;) {
    const page = await db.evidence.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: PAGE });
    for (const r of page) {
      records++;
      afterSeq = r.seq;
      const at = { seq: r.seq.toString(), id: r.id };
      if (r.hash === null) {
        if (previous === null) {
          beforeChain++;
          continue;
        }
        return report({ ...at, problem: 'unchained', expected: null, found: null });
      }
      const expectedPrev = previous ?? GENESIS_HASH;
      if (r.prevHash !== expectedPrev) return report({ ...at, problem: 'prevHash', expected: expectedPrev, found: r.prevHash });
      const computed = recordHash(r);
      if (computed !== r.hash) return report({ ...at, problem: 'hash', expected: computed, found: r.hash });
      previous = r.hash;
      headSeq = at.seq;
    }
    if (page.length < PAGE) return report(null);
  }
}
