// Admin lifecycle logic. The list and the page's facts come from Postgres (LifecycleProjection,
// AdminAction, Evidence), so they answer even when Temporal is down; the live state, the history
// and the actions need Temporal and answer 503 without it.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Db } from '../../../db/client';
import type { Prisma } from '../../../generated/prisma/client';
import type { PolicySnapshot } from '../../../policy/retention';
import { writeProjection, type LifecycleKindName } from '../../../lifecycles/shared/projectionStore';
import { ConflictError, InputError, NotFoundError } from '../../errors';
import type { ListQuery } from '../listQuery';
import { ruleFor } from './rules';
import type { AdminActionName, LifecycleFilter } from './schemas';
import { buildTimeline } from './timeline';

/** What each lifecycle kind does for the actions; the user kind is the service API's own service. */
export interface SubjectActions {
  hold(subjectId: string, reason: string): Promise<unknown>;
  release(subjectId: string, reason: string): Promise<unknown>;
  restore(subjectId: string, reason: string | undefined): Promise<unknown>;
  erase(subjectId: string, reason: string): Promise<unknown>;
}

export interface LifecycleAdminDeps {
  db: Db;
  temporal: Client;
  policy: PolicySnapshot;
  actions: Partial<Record<string, SubjectActions>>;
  /** Bound on each Temporal call, so a page never hangs on an unreachable server. */
  timeoutMs?: number;
}

type Row = Awaited<ReturnType<Db['lifecycleProjection']['findFirstOrThrow']>>;

export function toRecord(row: Row) {
  const { workflowId, version: _version, ...rest } = row;
  return { id: workflowId, workflowId, ...rest };
}
export type LifecycleRecord = ReturnType<typeof toRecord>;

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

export function createLifecycleAdminService({ db, temporal, policy, actions, timeoutMs = 10_000 }: LifecycleAdminDeps) {
  const bounded = <T>(call: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + timeoutMs, call);

  async function find(id: string): Promise<Row> {
    const row = await db.lifecycleProjection.findUnique({ where: { workflowId: id } });
    if (!row) throw new NotFoundError(`lifecycle ${id} not found`);
    return row;
  }

  /** The running workflow's own view (query `state`), or why there is none. */
  async function live(id: string): Promise<{ temporalStatus: string; state: Record<string, unknown> | null; pendingActivities: unknown[] }> {
    try {
      return await bounded(async () => {
        const handle = temporal.workflow.getHandle(id);
        const d = await handle.describe();
        const pendingActivities = (d.raw.pendingActivities ?? []).map((a) => ({
          activity: a.activityType?.name,
          attempt: a.attempt,
          lastFailure: a.lastFailure?.message ?? null,
        }));
        const state = d.status.name === 'RUNNING' ? await handle.query<Record<string, unknown>>('state') : null;
        return { temporalStatus: d.status.name, state, pendingActivities };
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { temporalStatus: 'NOT_FOUND', state: null, pendingActivities: [] };
      return { temporalStatus: 'UNAVAILABLE', state: null, pendingActivities: [] };
    }
  }

  async function record(role: string, row: Row, action: AdminActionName, reason: string | undefined, outcome: string, detail?: string) {
    await db.adminAction.create({
      data: { actorRole: role, action, workflowId: row.workflowId, subjectKind: row.kind, subjectId: row.subjectId, reason: reason ?? null, outcome, detail: detail ?? null },
    });
  }

  async function cancel(row: Row): Promise<void> {
    await bounded(async () => {
      const handle = temporal.workflow.getHandle(row.workflowId);
      const d = await handle.describe().catch((err) => {
        if (err instanceof WorkflowNotFoundError) throw new ConflictError(`cannot cancel: lifecycle ${row.workflowId} does not exist in Temporal`);
        throw err;
      });
      if (d.status.name !== 'RUNNING') throw new ConflictError(`cannot cancel: the lifecycle is ${d.status.name.toLowerCase()}`);
      await handle.cancel();
    });
    // The workflow ends without writing its row again; record the outcome the list should show.
    await writeProjection(db, { ...toRecord(row), kind: row.kind as LifecycleKindName, dueAt: null, status: 'cancelled', version: Date.now() * 1000 + 999 });
  }

  return {
    async list(q: ListQuery<LifecycleFilter>) {
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

    async get(id: string) {
      const row = await find(id);
      const [state, adminActions, evidence] = await Promise.all([
        live(id),
        db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'desc' }, take: 100 }),
        db.evidence.findMany({ where: { workflowId: id }, orderBy: { seq: 'asc' }, select: { id: true, rule: true, action: true, finishedAt: true } }),
      ]);
      const s = state.state ?? {};
      const rule = ruleFor(policy, row.kind, row.phase, (s.purgeRule as string | null) ?? (s.erasureRequestedAt ? 'user.erasure' : null));
      return {
        ...toRecord(row),
        ...state,
        remainingMs: typeof s.remainingMs === 'number' ? s.remainingMs : null,
        hold: (s.hold as { reason: string; since: string } | null | undefined) ?? null,
        rule: rule && { id: rule.id, action: rule.action, duration: rule.duration ?? null, trigger: rule.trigger, notice: rule.notice },
        adminActions,
        evidence,
      };
    },

    /** The full history: raw (as Temporal exports it, for download) and as a readable timeline. */
    async history(id: string) {
      await find(id);
      const history = await bounded(() => temporal.workflow.getHandle(id).fetchHistory());
      const timeline = await buildTimeline(history.events ?? [], temporal.options.loadedDataConverter);
      const adminActions = await db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'asc' } });
      return { raw: JSON.parse(historyToJSON(history)) as unknown, timeline, adminActions };
    },

    async act(role: string, id: string, action: AdminActionName, reason: string | undefined) {
      const row = await find(id);
      if (!reason && action !== 'restore') throw new InputError('reason', `a reason is required to ${action}`);
      const subject = actions[row.kind];
      try {
        if (action === 'cancel') await cancel(row);
        else if (!subject) throw new ConflictError(`${action} is not supported for ${row.kind} lifecycles`);
        else if (action === 'hold') await subject.hold(row.subjectId, reason!);
        else if (action === 'release') await subject.release(row.subjectId, reason!);
        else if (action === 'restore') await subject.restore(row.subjectId, reason);
        else await subject.erase(row.subjectId, reason!);
      } catch (err) {
        const refused = err instanceof ConflictError || err instanceof NotFoundError;
        await record(role, row, action, reason, refused ? 'refused' : 'failed', refused ? err.message : 'Temporal or the database was unavailable');
        throw err;
      }
      await record(role, row, action, reason, 'accepted');
      return { id, action, outcome: 'accepted' as const, lifecycle: await this.get(id) };
    },
  };
}

export type LifecycleAdminService = ReturnType<typeof createLifecycleAdminService>;
