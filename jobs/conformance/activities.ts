// The conformance scan's activity: reads where the last scan left off in the ledger, runs every
// check (heartbeating after each) and records the result with its attestation. A retry runs the
// checks again and records once (keyed by the run).
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Ledger } from '../../ledger/ledger';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { CONFORMANCE_CHECKS } from './checks';
import { recordScan, type ConformanceSummary } from './record';
import { runChecks } from './scan';

export interface ConformanceScanInput {
  policy: PolicySnapshot;
  /** How late a deadline may pass before it counts (policy/deadlines.ts). */
  toleranceMs: number;
  /** TEMPORAL_RETENTION in milliseconds. */
  temporalRetentionMs: number;
  /** The lifecycles' task queue (the scan's own). */
  taskQueue: string;
  workflowId: string;
  runId: string;
}

export function createConformanceActivities(db: Db, temporal: Client, ledger: Ledger) {
  return {
    async runConformanceScan(input: ConformanceScanInput): Promise<ConformanceSummary> {
      const startedAt = new Date();
      const [last, [{ head }]] = await Promise.all([
        db.conformanceScan.findFirst({
          where: { finishedAt: { not: null } },
          orderBy: { evidenceSeqTo: 'desc' },
          select: { evidenceSeqTo: true },
        }),
        db.$queryRaw<[{ head: bigint | null }]>`SELECT max(seq) AS head FROM "Evidence"`,
      ]);
      const evidenceSeqs = { from: last?.evidenceSeqTo ?? 0n, to: head ?? 0n };
      const ctx = {
        db,
        temporal,
        namespace: temporal.options.namespace,
        taskQueue: input.taskQueue,
        policy: input.policy,
        now: startedAt,
        toleranceMs: input.toleranceMs,
        temporalRetentionMs: input.temporalRetentionMs,
        evidenceSeqs,
      };
      const result = await runChecks(ctx, CONFORMANCE_CHECKS, (done) => heartbeat({ done }));
      return recordScan(
        db,
        ledger,
        {
          workflowId: input.workflowId,
          runId: input.runId,
          policyVersion: input.policy.version,
          startedAt,
          finishedAt: new Date(),
          evidenceSeqTo: evidenceSeqs.to,
        },
        result,
      );
    },
  };
}

export type ConformanceActivities = ReturnType<typeof createConformanceActivities>;
