// A subject's erasure receipt, built from its evidence records (and, while nothing is erased yet,
// its running lifecycle): what was deleted or anonymised and when, under which rule, the ledger
// hashes, and the answer to "was this subject erased on time?" with the reasons.
import type { Db } from '../db/client';
import { NotFoundError } from '../lifecycles/errors';
import { ON_TIME_TOLERANCE_MS } from '../policy/deadlines';
import { addIsoDuration } from '../policy/duration';
import { recordHash, type ChainedFields } from '../ledger/chain';
import type { Receipt, ReceiptFinding, ReceiptRecord, Verdict } from './records';

/** GDPR art. 12(3): an erasure request is answered without undue delay, within one month. */
export const ERASURE_REQUEST_DEADLINE = 'P1M';
/** A record finished within this margin after its deadline still counts as on time (the conformance scan's too). */
export const ON_TIME_MARGIN_MS = ON_TIME_TOLERANCE_MS;

const ERASING_ACTIONS = new Set(['purge', 'anonymise']);

export type EvidenceRow = ChainedFields & { hash: string | null };

/** Where a subject without an erasure record stands, from its running lifecycle. */
export interface PendingLifecycle {
  phase: string;
  terminatedAt: string | null;
  dueAt: string | null;
  hold: { reason: string; since: string } | null;
  verificationFailed?: boolean;
}

export type { Receipt, ReceiptFinding, ReceiptRecord, Verdict };

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toReceiptRecord(r: EvidenceRow): ReceiptRecord {
  return {
    evidenceId: r.id,
    seq: r.seq.toString(),
    action: r.action,
    rule: r.rule,
    policyVersion: r.policyVersion,
    reason: r.reason,
    tables: r.tables,
    detail: r.detail ?? null,
    triggeredAt: iso(r.triggeredAt),
    dueAt: iso(r.dueAt),
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    workflowId: r.workflowId,
    runId: r.runId,
    prevHash: r.prevHash,
    hash: r.hash,
    hashValid: r.hash !== null && recordHash(r) === r.hash,
  };
}

/** The deadline a record is measured against, and how it came about. */
function deadlineOf(r: EvidenceRow): { at: Date | null; why: string } {
  if (r.rule === 'user.erasure' && r.triggeredAt) {
    return {
      at: addIsoDuration(r.triggeredAt, ERASURE_REQUEST_DEADLINE),
      why: `erasure requested ${r.triggeredAt.toISOString()}, answered within one month (GDPR art. 12(3))`,
    };
  }
  if (r.dueAt)
    return {
      at: r.dueAt,
      why: `deadline ${r.dueAt.toISOString()} under ${r.rule} (trigger ${iso(r.triggeredAt) ?? 'unknown'} + retention period + time under legal hold), policy ${r.policyVersion}`,
    };
  return { at: null, why: `no deadline recorded under ${r.rule}` };
}

export function buildReceipt(
  subjectKind: string,
  subjectId: string,
  rows: EvidenceRow[],
  pending: PendingLifecycle | null,
  now = new Date(),
): Receipt {
  const ordered = [...rows].sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const erasing = ordered.filter((r) => ERASING_ACTIONS.has(r.action));
  const verifications = ordered.filter((r) => r.action === 'verify');
  const last = erasing.at(-1);
  const base = {
    subjectKind,
    subjectId,
    generatedAt: now.toISOString(),
    erasures: erasing.map(toReceiptRecord),
    verifications: verifications.map(toReceiptRecord),
    ledgerHash: ordered.at(-1)?.hash ?? null,
  };

  if (!last) {
    const verdict = pendingVerdict(pending, now);
    const { findings, ...erasedOnTime } = verdict;
    return { ...base, findings, terminatedAt: pending?.terminatedAt ?? null, dueAt: pending?.dueAt ?? null, erasedAt: null, erasedOnTime };
  }

  const reasons: string[] = [];
  const findings: ReceiptFinding[] = [];
  let allOnTime = true;
  for (const r of erasing) {
    const { at, why } = deadlineOf(r);
    const onTime = at !== null && r.finishedAt.getTime() <= at.getTime() + ON_TIME_MARGIN_MS;
    allOnTime &&= onTime;
    const lateBy = at ? Math.round((r.finishedAt.getTime() - at.getTime()) / 1000) : null;
    reasons.push(
      `${r.action} under ${r.rule} finished ${r.finishedAt.toISOString()}: ${onTime ? 'on time' : 'LATE'}; ${why}` +
        (lateBy !== null && lateBy > 0 ? `, ${lateBy} s after the deadline (margin ${ON_TIME_MARGIN_MS / 60_000} min)` : ''),
    );
    findings.push({
      code: onTime ? 'erased-on-time' : 'erased-late',
      params: {
        action: r.action,
        rule: r.rule,
        finishedAt: r.finishedAt.toISOString(),
        deadline: iso(at),
        requestedAt: r.rule === 'user.erasure' ? iso(r.triggeredAt) : null,
        policyVersion: r.policyVersion,
        lateBySeconds: lateBy !== null && lateBy > 0 ? lateBy : null,
      },
    });
    if (!(r.hash !== null && recordHash(r) === r.hash)) {
      reasons.push(`record ${r.id} no longer matches its ledger hash: the record cannot be trusted`);
      findings.push({ code: 'hash-mismatch', params: { evidenceId: r.id } });
    }
  }
  const verified = verifications.at(-1);
  const verifiedOk = (verified?.detail as { ok?: boolean } | null)?.ok === true;
  if (verified) {
    reasons.push(
      `post-purge verification ${verifiedOk ? 'found nothing personal left' : 'FAILED'} at ${verified.finishedAt.toISOString()}`,
    );
    findings.push({ code: verifiedOk ? 'verified' : 'verification-failed', params: { at: verified.finishedAt.toISOString() } });
  } else {
    reasons.push('no post-purge verification recorded (erased before verification existed, or not finished yet)');
    findings.push({ code: 'not-verified', params: {} });
  }
  if (pending?.verificationFailed) {
    reasons.push('the lifecycle reports that post-purge verification failed and waits for an operator');
    findings.push({ code: 'verification-waiting', params: {} });
  }

  return {
    ...base,
    findings,
    terminatedAt: iso(last.triggeredAt),
    dueAt: iso(deadlineOf(last).at),
    erasedAt: last.finishedAt.toISOString(),
    erasedOnTime: { answer: allOnTime, verdict: allOnTime ? 'on-time' : 'late', reasons },
  };
}

function pendingVerdict(pending: PendingLifecycle | null, now: Date): Receipt['erasedOnTime'] & { findings: ReceiptFinding[] } {
  if (!pending || !pending.terminatedAt) {
    return {
      answer: null,
      verdict: 'not-terminated',
      reasons: ['no termination recorded: the subject is retained while active'],
      findings: [{ code: 'not-terminated', params: {} }],
    };
  }
  if (pending.hold) {
    return {
      answer: null,
      verdict: 'held',
      reasons: [`under legal hold since ${pending.hold.since}: the clock is stopped and no erasure runs (GDPR art. 17(3)(e))`],
      findings: [{ code: 'held', params: { since: pending.hold.since } }],
    };
  }
  const due = pending.dueAt ? Date.parse(pending.dueAt) : NaN;
  if (Number.isFinite(due) && due + ON_TIME_MARGIN_MS < now.getTime()) {
    return {
      answer: false,
      verdict: 'overdue',
      reasons: [`terminated ${pending.terminatedAt}, due ${pending.dueAt}, and not erased yet`],
      findings: [{ code: 'overdue', params: { terminatedAt: pending.terminatedAt, deadline: pending.dueAt } }],
    };
  }
  return {
    answer: null,
    verdict: 'pending',
    reasons: [`terminated ${pending.terminatedAt}, in phase ${pending.phase}, erasure due ${pending.dueAt ?? 'at once'}`],
    findings: [{ code: 'pending', params: { terminatedAt: pending.terminatedAt, phase: pending.phase, deadline: pending.dueAt } }],
  };
}

/** Where a subject without an erasure record stands; null when it has no lifecycle at all. */
export type PendingLookup = (subjectKind: string, subjectId: string) => Promise<PendingLifecycle | null>;

export function createReceipts(db: Db, pendingLookup: PendingLookup) {
  return {
    async receiptFor(subjectKind: string, subjectId: string): Promise<Receipt> {
      const rows = await db.evidence.findMany({ where: { subjectKind, subjectId }, orderBy: { seq: 'asc' } });
      const pending = await pendingLookup(subjectKind, subjectId);
      if (rows.length === 0 && !pending) throw new NotFoundError(`no lifecycle and no evidence for ${subjectKind} ${subjectId}`);
      return buildReceipt(subjectKind, subjectId, rows, pending);
    },
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
