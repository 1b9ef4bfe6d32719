// Records a scan: its findings against those still open (kept and updated when seen again, created
// when new, resolved when gone), the scan's row, and its attestation in the evidence ledger, all in
// one transaction. Keyed by the scan's workflow run, so a retried activity records it once.
import type { Db } from '../../db/client';
import type { FindingCandidate } from '../../lifecycles/conformance';
import type { Ledger } from '../../ledger/ledger';
import { anchorEvidence, appendEvidence } from '../../lifecycles/shared/evidence';
import { findingKey, type ScanResult } from './scan';

// Any fixed number: serialises scans' writes (a scheduled and a manual run may overlap).
const SCAN_LOCK = 0x434f4e46; // "CONF"

export interface ScanRun {
  workflowId: string;
  runId: string;
  policyVersion: string;
  startedAt: Date;
  finishedAt: Date;
  /** The last evidence record this scan read (late erasures). */
  evidenceSeqTo: bigint;
}

export interface ConformanceSummary {
  scanId: string;
  /** Findings open after the scan. */
  findings: number;
  newFindings: number;
  resolvedFindings: number;
  lateErasures: number;
  rowsExamined: number;
  checks: number;
  byRule: Record<string, number>;
  startedAt: string;
  finishedAt: string;
  evidenceId: string | null;
}

type ScanRow = Awaited<ReturnType<Db['conformanceScan']['findFirstOrThrow']>>;

export function summaryOf(scan: ScanRow): ConformanceSummary {
  return {
    scanId: scan.id,
    findings: scan.openFindings,
    newFindings: scan.newFindings,
    resolvedFindings: scan.resolvedFindings,
    lateErasures: scan.lateErasures,
    rowsExamined: scan.rowsExamined,
    checks: scan.checks.length,
    byRule: scan.byRule as Record<string, number>,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: (scan.finishedAt ?? scan.startedAt).toISOString(),
    evidenceId: scan.evidenceId,
  };
}

const overdueSeconds = (f: FindingCandidate, at: Date) =>
  f.dueAt ? Math.max(0, Math.round((at.getTime() - f.dueAt.getTime()) / 1000)) : null;

export async function recordScan(db: Db, ledger: Ledger, run: ScanRun, result: ScanResult): Promise<ConformanceSummary> {
  /** The attestation's place in the chain, anchored outside Postgres once committed (on a retry too). */
  const anchor = async (evidenceId: string | null) => {
    const e = evidenceId ? await db.evidence.findUnique({ where: { id: evidenceId }, select: { seq: true, hash: true } }) : null;
    if (e) await anchorEvidence(db, ledger, e);
  };
  const done = await db.conformanceScan.findUnique({ where: { runId: run.runId } });
  if (done?.finishedAt) {
    await anchor(done.evidenceId);
    return summaryOf(done);
  }
  const at = run.finishedAt;

  const scan = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCAN_LOCK})`;
      const row = await tx.conformanceScan.upsert({
        where: { runId: run.runId },
        create: { workflowId: run.workflowId, runId: run.runId, startedAt: run.startedAt, checks: result.checks, stores: result.stores },
        update: {},
      });
      const open = new Map(
        (await tx.conformanceFinding.findMany({ where: { resolvedAt: null }, select: { id: true, key: true } })).map((f) => [f.key, f.id]),
      );
      const current = result.findings.filter((f) => !f.resolvedAt);
      const late = result.findings.filter((f) => f.resolvedAt);

      const seenAgain: FindingCandidate[] = [];
      const fresh: FindingCandidate[] = [];
      for (const f of current) (open.has(findingKey(f)) ? seenAgain : fresh).push(f);
      const stillOpen = new Set(seenAgain.map(findingKey));
      const gone = [...open].filter(([key]) => !stillOpen.has(key)).map(([, id]) => id);

      for (const f of seenAgain) {
        await tx.conformanceFinding.update({
          where: { id: open.get(findingKey(f))! },
          data: {
            lastSeenAt: at,
            lastScanId: row.id,
            dueAt: f.dueAt,
            overdueSeconds: overdueSeconds(f, at),
            repair: f.repair,
            workflowId: f.workflowId,
          },
        });
      }
      // A late erasure is recorded once: later scans read the ledger on from evidenceSeqTo.
      await tx.conformanceFinding.createMany({
        data: [...fresh, ...late].map((f) => ({
          key: findingKey(f),
          check: f.check,
          rule: f.rule,
          store: f.store,
          table: f.table,
          subjectKind: f.subjectKind,
          subjectId: f.subjectId,
          workflowId: f.workflowId,
          dueAt: f.dueAt,
          overdueSeconds: overdueSeconds(f, f.resolvedAt ?? at),
          repair: f.repair,
          firstSeenAt: at,
          lastSeenAt: at,
          firstScanId: row.id,
          lastScanId: row.id,
          resolvedAt: f.resolvedAt ?? null,
        })),
      });
      await tx.conformanceFinding.updateMany({ where: { id: { in: gone } }, data: { resolvedAt: at } });

      const byRule: Record<string, number> = {};
      for (const f of current) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      const counts = {
        rowsExamined: result.examined,
        openFindings: current.length,
        newFindings: fresh.length,
        resolvedFindings: gone.length,
        lateErasures: late.length,
        byRule,
      };
      // The attestation: what was checked and what was found, by rule, as counts. No values.
      const evidence = await appendEvidence(tx, ledger, {
        idempotencyKey: `${run.workflowId}/${run.runId}/attest`,
        subjectKind: 'conformance',
        subjectId: row.id,
        action: 'attest',
        rule: 'conformance.daily-scan',
        policyVersion: run.policyVersion,
        reason: null,
        tables: {},
        workflowId: run.workflowId,
        runId: run.runId,
        triggeredAt: null,
        dueAt: null,
        startedAt: run.startedAt,
        detail: { checks: result.checks, stores: result.stores, ...counts },
      });
      return tx.conformanceScan.update({
        where: { id: row.id },
        data: { ...counts, finishedAt: at, evidenceSeqTo: run.evidenceSeqTo, evidenceId: evidence.id },
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  await anchor(scan.evidenceId);
  return summaryOf(scan);
}
