// The conformance scan for the console: findings (open and resolved) and scans as lists, a
// finding's page with its repairs, an admin's repair and "scan now", each recorded in AdminAction
// like the lifecycle actions. Opaque IDs, rules, dates and counts: no personal field is ever read.
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../db/client';
import type { Prisma } from '../generated/prisma/client';
import { carryOutRepair } from '../jobs/conformance/repair';
import { conformanceInput, conformanceTrigger, manualConformanceId, startConformanceScanNow } from '../jobs/conformance/schedule';
import { ConflictError, InputError, NotFoundError } from '../lifecycles/errors';
import { toAvailabilityError } from '../lifecycles/temporalErrors';
import type { PolicySnapshot } from '../policy/retention';
import type { ConformanceFindingRecord, ConformanceScanRecord, ConformanceStatus } from './conformanceRecords';
import { dateFilter, idsFilter, type ListQuery } from './listQuery';
import type { AdminActionRecord } from './records';
import { actionsAsListed } from './lifecycles';
import type { ApiIdentity } from '../config/apiTokens';
import { appendAdminAction } from '../ledger/adminActions';
import type { Ledger } from '../ledger/ledger';

export const FINDING_SORTS = ['lastSeenAt', 'firstSeenAt', 'dueAt', 'overdueSeconds', 'rule', 'check', 'subjectId', 'id'] as const;
export const SCAN_SORTS = ['startedAt', 'finishedAt', 'openFindings', 'rowsExamined', 'id'] as const;

export const findingFilter = z.strictObject({
  id: idsFilter.optional(),
  open: z.boolean().optional(),
  rule: z.string().min(1).max(64).optional(),
  check: z.string().min(1).max(64).optional(),
  subjectKind: z.string().min(1).max(32).optional(),
  subjectId: z.string().min(1).max(64).optional(),
  lastSeenAt_gte: dateFilter.optional(),
  lastSeenAt_lte: dateFilter.optional(),
});
export type FindingFilter = z.output<typeof findingFilter>;

export const scanFilter = z.strictObject({
  id: idsFilter.optional(),
  finishedAt_gte: dateFilter.optional(),
  finishedAt_lte: dateFilter.optional(),
});
export type ScanFilter = z.output<typeof scanFilter>;

export interface ConformanceConsoleDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  temporalRetentionMs: number;
  /** Seals and anchors each AdminAction row (a ledger like Evidence). */
  ledger: Ledger;
  /** AGEING_SWEEP_EVERY: a sweep started as a repair takes what falls due before the next scheduled one. */
  ageingEveryMs: number;
  timeoutMs?: number;
}

type FindingRow = Awaited<ReturnType<Db['conformanceFinding']['findFirstOrThrow']>>;
type ScanRow = Awaited<ReturnType<Db['conformanceScan']['findFirstOrThrow']>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** Sorts by a field, nulls last where the field may be null, ties broken by ID so pages never overlap. */
const NULLABLE = new Set(['dueAt', 'overdueSeconds', 'finishedAt']);
const orderBy = (sort: ListQuery<unknown>['sort']) => [
  { [sort.field]: NULLABLE.has(sort.field) ? { sort: sort.order, nulls: 'last' as const } : sort.order },
  { id: 'asc' as const },
];
const REPAIRABLE = new Set(['start-lifecycle', 'erase-now', 'erase-again', 'delete-history', 'sweep-now']);

function toFinding(f: FindingRow): ConformanceFindingRecord {
  return {
    id: f.id,
    check: f.check,
    rule: f.rule,
    store: f.store,
    table: f.table,
    subjectKind: f.subjectKind,
    subjectId: f.subjectId,
    workflowId: f.workflowId,
    dueAt: iso(f.dueAt),
    overdueSeconds: f.overdueSeconds,
    repair: f.repair as ConformanceFindingRecord['repair'],
    repairable: f.resolvedAt === null && REPAIRABLE.has(f.repair),
    open: f.resolvedAt === null,
    firstSeenAt: f.firstSeenAt.toISOString(),
    lastSeenAt: f.lastSeenAt.toISOString(),
    resolvedAt: iso(f.resolvedAt),
    repairRequestedAt: iso(f.repairRequestedAt),
  };
}

function toScan(s: ScanRow): ConformanceScanRecord {
  return {
    id: s.id,
    workflowId: s.workflowId,
    trigger: conformanceTrigger(s.workflowId),
    startedAt: s.startedAt.toISOString(),
    finishedAt: iso(s.finishedAt),
    checks: s.checks,
    stores: s.stores,
    rowsExamined: s.rowsExamined,
    openFindings: s.openFindings,
    newFindings: s.newFindings,
    resolvedFindings: s.resolvedFindings,
    lateErasures: s.lateErasures,
    byRule: s.byRule as Record<string, number>,
    evidenceId: s.evidenceId,
  };
}

function findingWhere(f: FindingFilter): Prisma.ConformanceFindingWhereInput {
  return {
    id: f.id ? { in: f.id } : undefined,
    resolvedAt: f.open === undefined ? undefined : f.open ? null : { not: null },
    rule: f.rule,
    check: f.check,
    subjectKind: f.subjectKind,
    subjectId: f.subjectId,
    lastSeenAt: f.lastSeenAt_gte || f.lastSeenAt_lte ? { gte: f.lastSeenAt_gte, lte: f.lastSeenAt_lte } : undefined,
  };
}

/** What is open now, by rule, and the last finished scan: the dashboard and the Prometheus gauge read it. */
export async function conformanceStatus(db: Db): Promise<ConformanceStatus> {
  const [groups, last] = await Promise.all([
    db.conformanceFinding.groupBy({ by: ['rule'], where: { resolvedAt: null }, _count: { _all: true } }),
    db.conformanceScan.findFirst({ where: { finishedAt: { not: null } }, orderBy: { finishedAt: 'desc' } }),
  ]);
  return {
    openFindings: groups.reduce((n, g) => n + g._count._all, 0),
    byRule: Object.fromEntries(groups.map((g) => [g.rule, g._count._all])),
    lastScan: last && {
      id: last.id,
      finishedAt: last.finishedAt!.toISOString(),
      rowsExamined: last.rowsExamined,
      openFindings: last.openFindings,
    },
  };
}

export function createConformanceConsole({
  db,
  temporal,
  taskQueue,
  policy,
  temporalRetentionMs,
  ledger,
  ageingEveryMs,
  timeoutMs = 10_000,
}: ConformanceConsoleDeps) {
  /** Appends one AdminAction row to its ledger; returns its ID so an outcome can point at its request. */
  const audit = (
    actor: ApiIdentity,
    subject: { workflowId: string; subjectKind: string; subjectId: string },
    action: 'repair' | 'scan',
    reason: string | undefined,
    outcome: 'requested' | 'accepted' | 'refused' | 'failed',
    detail: string | null,
    requestId?: string,
  ) =>
    appendAdminAction(db, ledger, {
      actorRole: actor.role,
      actorName: actor.name,
      requestId: requestId ?? null,
      action,
      ...subject,
      reason: reason ?? null,
      outcome,
      detail,
    });

  /** The finding's audit subject: its lifecycle when it has one, else the finding itself. */
  const subjectOf = (f: FindingRow) => ({
    workflowId: f.workflowId ?? `conformance-finding-${f.id}`,
    subjectKind: f.subjectKind,
    subjectId: f.subjectId,
  });

  async function findFinding(id: string): Promise<FindingRow> {
    const f = await db.conformanceFinding.findUnique({ where: { id } });
    if (!f) throw new NotFoundError(`conformance finding ${id} not found`);
    return f;
  }

  return {
    async findings(q: ListQuery<FindingFilter>): Promise<{ rows: ConformanceFindingRecord[]; total: number }> {
      const w = findingWhere(q.filter);
      const [rows, total] = await Promise.all([
        db.conformanceFinding.findMany({
          where: w,
          orderBy: orderBy(q.sort),
          skip: q.skip,
          take: q.take,
        }),
        db.conformanceFinding.count({ where: w }),
      ]);
      return { rows: rows.map(toFinding), total };
    },

    /** A finding with every repair asked for it. */
    async finding(id: string): Promise<ConformanceFindingRecord & { repairs: AdminActionRecord[] }> {
      const f = await findFinding(id);
      const repairs = await db.adminAction.findMany({
        where: { action: 'repair', subjectKind: f.subjectKind, subjectId: f.subjectId, at: { gte: f.firstSeenAt } },
        orderBy: { at: 'asc' },
      });
      return {
        ...toFinding(f),
        repairs: actionsAsListed(repairs),
      };
    },

    async scans(q: ListQuery<ScanFilter>): Promise<{ rows: ConformanceScanRecord[]; total: number }> {
      const w: Prisma.ConformanceScanWhereInput = {
        id: q.filter.id ? { in: q.filter.id } : undefined,
        finishedAt:
          q.filter.finishedAt_gte || q.filter.finishedAt_lte ? { gte: q.filter.finishedAt_gte, lte: q.filter.finishedAt_lte } : undefined,
      };
      const [rows, total] = await Promise.all([
        db.conformanceScan.findMany({
          where: w,
          orderBy: orderBy(q.sort),
          skip: q.skip,
          take: q.take,
        }),
        db.conformanceScan.count({ where: w }),
      ]);
      return { rows: rows.map(toScan), total };
    },

    async scan(id: string): Promise<ConformanceScanRecord> {
      const s = await db.conformanceScan.findUnique({ where: { id } });
      if (!s) throw new NotFoundError(`conformance scan ${id} not found`);
      return toScan(s);
    },

    status: () => conformanceStatus(db),

    /** Carries out an open finding's repair; the next scan resolves the finding once it is gone. */
    async repair(actor: ApiIdentity, id: string, reason: string | undefined) {
      const f = await findFinding(id);
      if (!reason) throw new InputError('reasonCode', 'a reason code is required to repair a finding');
      const requestId = await audit(actor, subjectOf(f), 'repair', reason, 'requested', `${f.check}: ${f.repair}`);
      try {
        if (f.resolvedAt) throw new ConflictError(`the finding was resolved ${f.resolvedAt.toISOString()}: nothing to repair`);
        const detail = await carryOutRepair({ db, temporal, taskQueue, policy, ageingEveryMs, timeoutMs }, f, reason);
        await db.conformanceFinding.update({ where: { id }, data: { repairRequestedAt: new Date() } });
        await audit(actor, subjectOf(f), 'repair', reason, 'accepted', `${f.check}: ${f.repair}: ${detail}`, requestId);
        return { id, repair: f.repair, outcome: 'accepted' as const, detail, finding: toFinding(await findFinding(id)) };
      } catch (err) {
        const refused = err instanceof ConflictError || err instanceof NotFoundError;
        const why = refused ? err.message : 'Temporal or the database was unavailable';
        await audit(actor, subjectOf(f), 'repair', reason, refused ? 'refused' : 'failed', why, requestId);
        throw err;
      }
    },

    /** Starts a scan now on the worker's queue; returns null-safe conflict when one started by hand is running. */
    async scanNow(actor: ApiIdentity, reason: string | undefined) {
      const subject = { workflowId: manualConformanceId(taskQueue), subjectKind: 'conformance', subjectId: 'all' };
      const requestId = await audit(actor, subject, 'scan', reason, 'requested', null);
      let started: Awaited<ReturnType<typeof startConformanceScanNow>>;
      try {
        started = await temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
          startConformanceScanNow(temporal, { taskQueue, input: conformanceInput(policy, temporalRetentionMs) }),
        );
      } catch (err) {
        await audit(actor, subject, 'scan', reason, 'failed', 'Temporal was unavailable', requestId);
        throw toAvailabilityError(err);
      }
      if (!started) {
        await audit(actor, subject, 'scan', reason, 'refused', 'a scan started by hand is still in progress', requestId);
        throw new ConflictError('a conformance scan started by hand is still in progress');
      }
      await audit(actor, subject, 'scan', reason, 'accepted', `${started.workflowId} ${started.runId}`, requestId);
      return { ...started, outcome: 'accepted' as const };
    },
  };
}

export type ConformanceConsole = ReturnType<typeof createConformanceConsole>;
