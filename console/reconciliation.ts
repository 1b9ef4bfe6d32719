// Reconciliation runs for the console: the stored runs (ReconciliationRun) as records, one run's
// findings by opaque subject ID, and an admin's "run now", audited in AdminAction like the
// lifecycle actions. Everything here is counts and IDs: no personal field is ever read.
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { ApiIdentity } from '../config/apiTokens';
import type { Db } from '../db/client';
import { appendAdminAction } from '../ledger/adminActions';
import type { Ledger } from '../ledger/ledger';
import type { Prisma } from '../generated/prisma/client';
import type { PolicySnapshot } from '../policy/retention';
import { manualReconciliationId, reconciliationTrigger, startReconciliationNow } from '../jobs/reconciliation/schedule';
import { ConflictError, NotFoundError } from '../lifecycles/errors';
import { KIND_NAMES } from '../lifecycles/registry';
import { subjectOfWorkflowId } from '../lifecycles/shared/contract';
import { toAvailabilityError } from '../lifecycles/temporalErrors';
import { dateFilter, idsFilter, type ListQuery } from './listQuery';
import type { Finding, ReconciliationRunDetail, ReconciliationRunRecord } from './records';

export const RECONCILIATION_SORTS = ['finishedAt', 'startedAt', 'subjectsChecked', 'lifecyclesStarted', 'id'] as const;

export const reconciliationFilter = z.strictObject({
  id: idsFilter.optional(),
  finishedAt_gte: dateFilter.optional(),
  finishedAt_lte: dateFilter.optional(),
});
export type ReconciliationFilter = z.output<typeof reconciliationFilter>;

export interface ReconciliationConsoleDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  /** Seals and anchors the AdminAction row of a "run now". */
  ledger: Ledger;
  timeoutMs?: number;
}

type Run = Awaited<ReturnType<Db['reconciliationRun']['findFirstOrThrow']>>;

/** The run as the console lists it; `orphansFlagged` is the flagged list's length (bounded by the activity). */
function toRecord(run: Run): ReconciliationRunRecord {
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    trigger: reconciliationTrigger(run.workflowId),
    orphansFlagged: run.orphanedWorkflowIds.length,
  };
}

/** The subject a lifecycle's workflow ID names, for a lifecycle with no projection row yet. */
function subjectOf(workflowId: string): { subjectKind: string; subjectId: string } {
  const named = subjectOfWorkflowId(workflowId, KIND_NAMES);
  return named ? { subjectKind: named.kind, subjectId: named.subjectId } : { subjectKind: 'unknown', subjectId: workflowId };
}

/** Each workflow the run started or flagged, with its lifecycle's current phase where the projection has it. */
async function findings(db: Db, run: Run): Promise<Finding[]> {
  const ids = [...run.startedWorkflowIds, ...run.orphanedWorkflowIds];
  const rows = await db.lifecycleProjection.findMany({
    where: { workflowId: { in: ids } },
    select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true },
  });
  const byId = new Map(rows.map((r) => [r.workflowId, r]));
  const describe = (workflowId: string, finding: Finding['finding']): Finding => {
    const row = byId.get(workflowId);
    const subject = row ? { subjectKind: row.kind, subjectId: row.subjectId } : subjectOf(workflowId);
    return { id: `${finding}:${workflowId}`, finding, workflowId, ...subject, phase: row?.phase ?? null, status: row?.status ?? null };
  };
  return [
    ...run.startedWorkflowIds.map((w) => describe(w, 'lifecycle-started')),
    ...run.orphanedWorkflowIds.map((w) => describe(w, 'orphan-flagged')),
  ];
}

function where(f: ReconciliationFilter): Prisma.ReconciliationRunWhereInput {
  return {
    id: f.id ? { in: f.id } : undefined,
    finishedAt: f.finishedAt_gte || f.finishedAt_lte ? { gte: f.finishedAt_gte, lte: f.finishedAt_lte } : undefined,
  };
}

export function createReconciliationConsole({ db, temporal, taskQueue, policy, ledger, timeoutMs = 10_000 }: ReconciliationConsoleDeps) {
  return {
    async list(q: ListQuery<ReconciliationFilter>): Promise<{ rows: ReconciliationRunRecord[]; total: number }> {
      const w = where(q.filter);
      const [rows, total] = await Promise.all([
        // Ties broken by ID so pages never overlap or skip rows.
        db.reconciliationRun.findMany({ where: w, orderBy: [{ [q.sort.field]: q.sort.order }, { id: 'asc' }], skip: q.skip, take: q.take }),
        db.reconciliationRun.count({ where: w }),
      ]);
      return { rows: rows.map(toRecord), total };
    },

    async get(id: string): Promise<ReconciliationRunDetail> {
      const run = await db.reconciliationRun.findUnique({ where: { id } });
      if (!run) throw new NotFoundError(`reconciliation run ${id} not found`);
      // An admin's "run now" is recorded with the run's ID, so the page can say who asked and why.
      const requestedBy = await db.adminAction.findFirst({
        where: { action: 'reconcile', workflowId: run.workflowId, outcome: 'accepted', detail: run.runId },
        select: { actorRole: true, actorName: true, reason: true, at: true },
      });
      return {
        ...toRecord(run),
        requestedBy: requestedBy && { ...requestedBy, at: requestedBy.at.toISOString() },
        findings: await findings(db, run),
      };
    },

    /** Starts a run now on the worker's queue; every attempt is written to AdminAction. */
    async runNow(actor: ApiIdentity, reason: string | undefined) {
      const audit = (workflowId: string, outcome: string, detail: string) =>
        appendAdminAction(db, ledger, {
          actorRole: actor.role,
          actorName: actor.name,
          action: 'reconcile',
          workflowId,
          subjectKind: 'reconciliation',
          subjectId: 'all',
          reason: reason ?? null,
          outcome,
          detail,
        });
      let started: Awaited<ReturnType<typeof startReconciliationNow>>;
      try {
        started = await temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
          startReconciliationNow(temporal, { taskQueue, policy }),
        );
      } catch (err) {
        await audit(manualReconciliationId(taskQueue), 'failed', 'Temporal was unavailable');
        throw toAvailabilityError(err);
      }
      if (!started) {
        await audit(manualReconciliationId(taskQueue), 'refused', 'a manual run is still in progress');
        throw new ConflictError('a reconciliation run started by hand is still in progress');
      }
      await audit(started.workflowId, 'accepted', started.runId);
      return { ...started, outcome: 'accepted' as const };
    },
  };
}

export type ReconciliationConsole = ReturnType<typeof createReconciliationConsole>;
