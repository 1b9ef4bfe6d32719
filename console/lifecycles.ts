// The console's lifecycles: the list and each page's facts come from Postgres (LifecycleProjection,
// AdminAction, Evidence), so they answer even when Temporal is down; the live state, the history
// and the actions need Temporal and fail as unavailable without it. Every admin action is recorded.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { z } from 'zod';
import type { ApiIdentity } from '../config/apiTokens';
import type { Db } from '../db/client';
import { appendAdminAction } from '../ledger/adminActions';
import type { Ledger } from '../ledger/ledger';
import type { Prisma } from '../generated/prisma/client';
import type { PolicySnapshot } from '../policy/retention';
import { ConflictError, InputError, NotFoundError } from '../lifecycles/errors';
import { createLifecycleOperations } from '../lifecycles/operations';
import type { SubjectService } from '../lifecycles/registration';
import { KIND_NAMES } from '../lifecycles/registry';
import { LIFECYCLE_STATUSES, type KindName, type LifecycleStatus } from '../lifecycles/shared/contract';
import { writeProjection } from '../lifecycles/shared/projectionStore';
import type { Client } from '@temporalio/client';
import { dateFilter, idsFilter, type ListQuery } from './listQuery';
import type { ActionOutcome, AdminActionName, AdminActionRecord, LifecycleDetail, LifecycleHistory, LifecycleRecord } from './records';
import { ruleFor } from './rules';
import { buildTimeline } from './timeline';

export const LIFECYCLE_SORTS = ['dueAt', 'updatedAt', 'id', 'subjectId', 'phase', 'kind', 'status'] as const;

export const lifecycleFilter = z.strictObject({
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('prefix of the subject ID'),
  kind: z.enum(KIND_NAMES).optional(),
  phase: z
    .string()
    .regex(/^[A-Z_]{1,32}$/, 'must be a phase name such as QUARANTINED')
    .optional(),
  status: z.enum(LIFECYCLE_STATUSES).optional(),
  customerId: z.string().min(1).max(64).optional(),
  subjectId: z.string().min(1).max(64).optional(),
  onHold: z.boolean().optional(),
  dueAt_gte: dateFilter.optional(),
  dueAt_lte: dateFilter.optional(),
});
export type LifecycleFilter = z.output<typeof lifecycleFilter>;

export interface LifecycleConsoleDeps {
  db: Db;
  temporal: Client;
  policy: PolicySnapshot;
  /** Each kind's service: the actions go through the same path as the service API's. */
  services: Record<KindName, SubjectService>;
  /** Seals and anchors each AdminAction row: it is a ledger like Evidence. */
  ledger: Ledger;
  /** Bound on each Temporal call, so a page never hangs on an unreachable server. */
  timeoutMs?: number;
}

type Row = Awaited<ReturnType<Db['lifecycleProjection']['findFirstOrThrow']>>;
type ActionRow = Awaited<ReturnType<Db['adminAction']['findFirstOrThrow']>>;

export function toRecord(row: Row): LifecycleRecord {
  return {
    id: row.workflowId,
    workflowId: row.workflowId,
    runId: row.runId,
    kind: row.kind as KindName,
    subjectId: row.subjectId,
    customerId: row.customerId,
    phase: row.phase,
    status: row.status as LifecycleStatus,
    dueAt: row.dueAt?.toISOString() ?? null,
    onHold: row.onHold,
    policyVersion: row.policyVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Its place in the AdminAction ledger (seq, hash) is shown; the seal stays with the verifier. */
/**
 * What the lifecycle page lists: each action once, by its outcome; a `requested` row only while it
 * has none (in flight, or the API died before recording one). The ledger keeps both rows.
 */
export function actionsAsListed(rows: ActionRow[]): AdminActionRecord[] {
  const answered = new Set(rows.map((r) => r.requestId).filter(Boolean));
  return rows.filter((r) => !(r.outcome === 'requested' && answered.has(r.id))).map(toActionRecord);
}

export const toActionRecord = ({ prevHash: _p, keyId: _k, mac: _m, ...a }: ActionRow): AdminActionRecord => ({
  ...a,
  seq: a.seq.toString(),
  at: a.at.toISOString(),
});

function where(f: LifecycleFilter): Prisma.LifecycleProjectionWhereInput {
  return {
    workflowId: f.id ? { in: f.id } : undefined,
    subjectId: f.subjectId ?? (f.q ? { startsWith: f.q } : undefined),
    kind: f.kind,
    phase: f.phase,
    status: f.status,
    customerId: f.customerId,
    onHold: f.onHold,
    dueAt: f.dueAt_gte || f.dueAt_lte ? { gte: f.dueAt_gte, lte: f.dueAt_lte } : undefined,
  };
}

export function createLifecycleConsole({ db, temporal, policy, services, ledger, timeoutMs = 10_000 }: LifecycleConsoleDeps) {
  const operations = createLifecycleOperations(temporal, timeoutMs);

  async function find(id: string): Promise<Row> {
    const row = await db.lifecycleProjection.findUnique({ where: { workflowId: id } });
    if (!row) throw new NotFoundError(`lifecycle ${id} not found`);
    return row;
  }

  /** Appends one AdminAction row; returns its ID so the outcome can point at its request. */
  async function record(
    actor: ApiIdentity,
    row: Row,
    action: AdminActionName,
    reason: string | undefined,
    outcome: string,
    { detail, requestId }: { detail?: string; requestId?: string } = {},
  ): Promise<string> {
    return appendAdminAction(db, ledger, {
      actorRole: actor.role,
      actorName: actor.name,
      requestId: requestId ?? null,
      action,
      workflowId: row.workflowId,
      subjectKind: row.kind,
      subjectId: row.subjectId,
      reason: reason ?? null,
      outcome,
      detail: detail ?? null,
    });
  }

  async function cancel(row: Row): Promise<void> {
    await operations.cancel(row.workflowId);
    // The workflow ends without writing its row again; record the outcome the list should show.
    const { id: _id, updatedAt: _at, ...fields } = toRecord(row);
    await writeProjection(db, { ...fields, dueAt: null, status: 'cancelled', version: Date.now() * 1000 + 999 });
  }

  async function get(id: string): Promise<LifecycleDetail> {
    const row = await find(id);
    const [live, adminActions, evidence] = await Promise.all([
      operations.live(id),
      db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'desc' }, take: 100 }),
      db.evidence.findMany({
        where: { workflowId: id },
        orderBy: { seq: 'asc' },
        select: { id: true, rule: true, action: true, finishedAt: true },
      }),
    ]);
    const s = live.state ?? {};
    const rule = ruleFor(policy, row.kind, row.phase, (s.purgeRule as string | null) ?? (s.erasureRequestedAt ? 'user.erasure' : null));
    return {
      ...toRecord(row),
      ...live,
      remainingMs: typeof s.remainingMs === 'number' ? s.remainingMs : null,
      hold: (s.hold as LifecycleDetail['hold'] | undefined) ?? null,
      rule: rule && { id: rule.id, action: rule.action, duration: rule.duration ?? null, trigger: rule.trigger, notice: rule.notice },
      adminActions: actionsAsListed(adminActions),
      evidence: evidence.map((e) => ({ ...e, finishedAt: e.finishedAt.toISOString() })),
    };
  }

  return {
    async list(q: ListQuery<LifecycleFilter>): Promise<{ rows: LifecycleRecord[]; total: number }> {
      const w = where(q.filter);
      const field = q.sort.field === 'id' ? 'workflowId' : q.sort.field;
      const [rows, total] = await Promise.all([
        db.lifecycleProjection.findMany({
          where: w,
          // Ties broken by ID so pages never overlap or skip rows.
          orderBy: [{ [field]: q.sort.order }, { workflowId: 'asc' }],
          skip: q.skip,
          take: q.take,
        }),
        db.lifecycleProjection.count({ where: w }),
      ]);
      return { rows: rows.map(toRecord), total };
    },

    get,

    /** The full history: raw (as Temporal exports it, for download) and as a readable timeline. */
    async history(id: string): Promise<LifecycleHistory & { raw: unknown }> {
      await find(id);
      const history = await operations.history(id);
      const timeline = await buildTimeline(history.events ?? [], temporal.options.loadedDataConverter);
      const adminActions = await db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'asc' } });
      return { id, raw: JSON.parse(historyToJSON(history)) as unknown, timeline, adminActions: actionsAsListed(adminActions) };
    },

    async act(actor: ApiIdentity, id: string, action: AdminActionName, reason: string | undefined): Promise<ActionOutcome> {
      const row = await find(id);
      if (!reason && action !== 'restore') throw new InputError('reason', `a reason is required to ${action}`);
      const subject = services[row.kind as KindName];
      // Before acting: the erasure's evidence names whoever asked (lifecycles/shared/evidence.ts),
      // and its purge may run before this request returns.
      const requestId = await record(actor, row, action, reason, 'requested');
      try {
        if (action === 'cancel') await cancel(row);
        else if (!subject) throw new ConflictError(`${action} is not supported for ${row.kind} lifecycles`);
        else if (action === 'hold') await subject.hold(row.subjectId, reason!);
        else if (action === 'release') await subject.release(row.subjectId, reason!);
        else if (action === 'restore') await subject.restore(row.subjectId, reason);
        else await subject.erase(row.subjectId, reason!);
      } catch (err) {
        const refused = err instanceof ConflictError || err instanceof NotFoundError;
        await record(actor, row, action, reason, refused ? 'refused' : 'failed', {
          requestId,
          detail: refused ? err.message : 'Temporal or the database was unavailable',
        });
        throw err;
      }
      await record(actor, row, action, reason, 'accepted', { requestId });
      return { id, action, outcome: 'accepted', lifecycle: await get(id) };
    },
  };
}

export type LifecycleConsole = ReturnType<typeof createLifecycleConsole>;
