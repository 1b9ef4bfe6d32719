// The console's lifecycles. The list and each page's facts come from Postgres (LifecycleProjection,
// AdminAction, Evidence), so they answer at once even when Temporal is down; what Temporal says now
// (status, the workflow's own state, pending work) is a separate, bounded call, so a page never
// waits on an unreachable server. Every admin action is recorded, refused and failed ones too.
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { ApiIdentity } from '../config/apiTokens';
import type { Db } from '../db/client';
import { appendAdminAction } from '../ledger/adminActions';
import type { Ledger } from '../ledger/ledger';
import type { Prisma } from '../generated/prisma/client';
import type { PolicySnapshot } from '../policy/retention';
import { ensureLifecycle } from '../lifecycles/backdated';
import { createLifecycleClient } from '../lifecycles/client';
import { ConflictError, InputError, NotFoundError } from '../lifecycles/errors';
import { createLifecycleOperations } from '../lifecycles/operations';
import type { SubjectService } from '../lifecycles/registration';
import { KIND_NAMES, registrationOf } from '../lifecycles/registry';
import { LIFECYCLE_STATUSES, type KindName, type LifecycleStatus } from '../lifecycles/shared/contract';
import { saveActionNote } from '../lifecycles/shared/actionNotes';
import { writeProjection } from '../lifecycles/shared/projectionStore';
import { toLookupError } from '../lifecycles/temporalErrors';
import { dateFilter, idsFilter, type ListQuery } from './listQuery';
import { policyInfo } from './policy';
import { rowFromTemporal } from './projectionRepair';
import type {
  ActionOutcome,
  AdminActionName,
  AdminActionRecord,
  Deadline,
  LifecycleDetail,
  LifecycleLive,
  LifecycleRecord,
  Presence,
  PresenceMap,
} from './records';
import { ruleFromFacts, ruleFromState } from './rules';

export const LIFECYCLE_SORTS = ['dueAt', 'updatedAt', 'id', 'subjectId', 'phase', 'kind', 'status'] as const;

export const lifecycleFilter = z.strictObject({
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('part of the subject ID, any case'),
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
  /** Where a lifecycle restarted by a repair runs. */
  taskQueue: string;
  /** Seals and anchors each AdminAction row: it is a ledger like Evidence. */
  ledger: Ledger;
  /** Bound on actions and the history: they need Temporal and may wait for a worker. */
  timeoutMs?: number;
  /** Bound on the page's live part and the list's presence check: a person is waiting. */
  liveTimeoutMs?: number;
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

/** Part of an ID, any case ("0002/01" finds user-0002/01): ILIKE, with the pattern's own wildcards escaped. */
const anywhere = (q: string) => ({ contains: q, mode: 'insensitive' as const });

function where(f: LifecycleFilter): Prisma.LifecycleProjectionWhereInput {
  return {
    workflowId: f.id ? { in: f.id } : undefined,
    subjectId: f.subjectId ?? (f.q ? anywhere(f.q) : undefined),
    kind: f.kind,
    phase: f.phase,
    status: f.status,
    customerId: f.customerId,
    onHold: f.onHold,
    dueAt: f.dueAt_gte || f.dueAt_lte ? { gte: f.dueAt_gte, lte: f.dueAt_lte } : undefined,
  };
}

/** A state's dates a person acts on: every `…DueAt` and the cap, as the workflow reports them. */
function deadlinesOf(
  state: Record<string, unknown> | null,
  evidence: { rule: string; dueAt: Date | null; finishedAt: Date }[],
): Deadline[] {
  if (state) {
    return Object.entries(state)
      .filter(([k, v]) => (k.endsWith('DueAt') || k === 'capAt') && k !== 'nextDueAt' && typeof v === 'string')
      .map(([key, at]) => ({ key, at: at as string }));
  }
  // A closed lifecycle: the deadlines its ledger records were measured against, and when each was met.
  return evidence.filter((e) => e.dueAt).map((e) => ({ key: e.rule, at: e.dueAt!.toISOString(), doneAt: e.finishedAt.toISOString() }));
}

export function createLifecycleConsole({
  db,
  temporal,
  policy,
  services,
  taskQueue,
  ledger,
  timeoutMs = 10_000,
  liveTimeoutMs = 3_000,
}: LifecycleConsoleDeps) {
  const operations = createLifecycleOperations(temporal, timeoutMs);
  const quick = createLifecycleOperations(temporal, liveTimeoutMs);
  // A person waits for the page's history: bounded tighter than actions, which may wait for a worker.
  const reads = createLifecycleOperations(temporal, Math.min(timeoutMs, 5_000));

  async function find(id: string): Promise<Row> {
    const row = await db.lifecycleProjection.findUnique({ where: { workflowId: id } });
    if (!row) throw new NotFoundError(`lifecycle ${id} not found`);
    return row;
  }

  const evidenceOf = (workflowId: string) =>
    db.evidence.findMany({
      where: { workflowId },
      orderBy: { seq: 'asc' },
      select: { id: true, rule: true, action: true, policyVersion: true, dueAt: true, finishedAt: true },
    });

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

  /**
   * Puts a row and its workflow back in step: a workflow Temporal knows rewrites the row from its
   * own facts; one Temporal lost is started again through the one backdated path (as backfill and
   * reconciliation do), terminated as of the subject's end when it has ended.
   */
  async function repair(row: Row, reason: string): Promise<string> {
    let info: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['describe']>> | null = null;
    try {
      info = await temporal.connection.withDeadline(Date.now() + timeoutMs, () => temporal.workflow.getHandle(row.workflowId).describe());
    } catch (err) {
      const lookup = toLookupError(err, row.workflowId);
      if (!(lookup instanceof NotFoundError)) throw lookup;
    }
    if (info) {
      const fresh = rowFromTemporal(info, Date.now() * 1000 + 998);
      if (!fresh) throw new ConflictError(`${row.workflowId} is not a lifecycle workflow in Temporal`);
      await writeProjection(db, fresh);
      return `row rebuilt from Temporal: ${fresh.status}, ${fresh.phase}`;
    }
    const registration = registrationOf(row.kind);
    if (!registration) throw new ConflictError(`no lifecycle kind ${row.kind}`);
    const subject = await registration.subjects(db).find(row.subjectId);
    if (!subject) throw new ConflictError(`${row.kind} ${row.subjectId} no longer exists: there is nothing to start a lifecycle for`);
    if (subject.final)
      throw new ConflictError(`${row.kind} ${row.subjectId} is already erased: its lifecycle is over and is not started again`);
    const client = createLifecycleClient(registration.kind, { temporal, taskQueue, policy, timeoutMs });
    const outcome = await ensureLifecycle(
      client,
      registration.kind.updates,
      { id: row.subjectId, customerId: subject.customerId, active: subject.active, endedAt: subject.endedAt ?? null },
      { reason },
    );
    return `lifecycle restarted (${outcome})`;
  }

  async function get(id: string): Promise<LifecycleDetail> {
    const row = await find(id);
    const [adminActions, evidence] = await Promise.all([
      db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'asc' }, take: 200 }),
      evidenceOf(id),
    ]);
    const { rule, noRule } = ruleFromFacts({ ...row, evidence });
    return {
      ...toRecord(row),
      policy: policyInfo(row.policyVersion),
      rule,
      noRule,
      adminActions: actionsAsListed(adminActions),
      evidence: evidence.map((e) => ({
        id: e.id,
        rule: e.rule,
        action: e.action,
        finishedAt: e.finishedAt.toISOString(),
        dueAt: e.dueAt?.toISOString() ?? null,
      })),
    };
  }

  /** Temporal's status of a workflow, NOT_FOUND or UNAVAILABLE: a describe only, no worker needed. */
  async function statusOf(workflowId: string): Promise<string> {
    try {
      const d = await temporal.connection.withDeadline(Date.now() + liveTimeoutMs, () =>
        temporal.workflow.getHandle(workflowId).describe(),
      );
      return d.status.name;
    } catch (err) {
      return toLookupError(err, workflowId) instanceof NotFoundError ? 'NOT_FOUND' : 'UNAVAILABLE';
    }
  }

  function presenceOf(status: string, temporalStatus: string): Presence {
    if (temporalStatus === 'UNAVAILABLE') return 'unreachable';
    if (status !== 'running') return 'ok'; // a closed row may outlive Temporal's retention
    if (temporalStatus === 'NOT_FOUND') return 'missing';
    return temporalStatus === 'RUNNING' ? 'ok' : 'stale';
  }

  async function live(id: string, ops = quick): Promise<LifecycleLive> {
    const row = await find(id);
    const [now, evidence] = await Promise.all([ops.live(id), evidenceOf(id)]);
    const s = now.state;
    return {
      id,
      temporalStatus: now.temporalStatus,
      presence: presenceOf(row.status, now.temporalStatus),
      state: s,
      pendingActivities: now.pendingActivities,
      remainingMs: s && typeof s.remainingMs === 'number' ? s.remainingMs : null,
      hold: (s?.hold as LifecycleLive['hold'] | undefined) ?? null,
      rule: s ? ruleFromState(row.kind, String(s.phase ?? row.phase), row.policyVersion, s) : null,
      deadlines: row.status === 'running' && !s ? [] : deadlinesOf(s, evidence),
      checkedAt: new Date().toISOString(),
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

    live: (id: string) => live(id),

    /** Whether Temporal has each listed row's workflow, for the rows on screen; bounded like the live part. */
    async presence(ids: string[]): Promise<PresenceMap> {
      const rows = await db.lifecycleProjection.findMany({
        where: { workflowId: { in: ids } },
        select: { workflowId: true, status: true },
      });
      const found = await Promise.all(rows.map(async (r) => [r.workflowId, presenceOf(r.status, await statusOf(r.workflowId))] as const));
      return Object.fromEntries(found);
    },

    /** The full history: as Temporal stores it (for the downloads) and its events. */
    async history(id: string) {
      await find(id);
      const [history, adminActions] = await Promise.all([
        reads.history(id),
        db.adminAction.findMany({ where: { workflowId: id }, orderBy: { at: 'asc' } }),
      ]);
      return { id, history, adminActions: actionsAsListed(adminActions) };
    },

    async act(actor: ApiIdentity, id: string, action: AdminActionName, reason: string | undefined, note?: string): Promise<ActionOutcome> {
      const row = await find(id);
      if (!reason && action !== 'restore') throw new InputError('reasonCode', `a reason code is required to ${action}`);
      const subject = services[row.kind as KindName];
      let detail: string | undefined;
      // Before acting: the erasure's evidence names whoever asked (lifecycles/shared/evidence.ts),
      // and its purge may run before this request returns.
      const requestId = await record(actor, row, action, reason, 'requested');
      // The note stays with the subject's data (deleted with it), written before the action: an
      // erasure may purge before this returns. The ledger's rows keep the code only.
      const noteId = await saveActionNote(db, {
        subjectKind: row.kind,
        subjectId: row.subjectId,
        workflowId: row.workflowId,
        adminActionId: requestId,
        action,
        reasonCode: reason,
        note,
      });
      try {
        if (action === 'cancel') await cancel(row);
        else if (action === 'repair') detail = await repair(row, reason!);
        else if (!subject) throw new ConflictError(`${action} is not supported for ${row.kind} lifecycles`);
        else if (action === 'hold') await subject.hold(row.subjectId, reason!);
        else if (action === 'release') await subject.release(row.subjectId, reason!);
        else if (action === 'restore') await subject.restore(row.subjectId, reason);
        else await subject.erase(row.subjectId, reason!);
      } catch (err) {
        const refused = err instanceof ConflictError || err instanceof NotFoundError;
        if (noteId) await db.actionNote.deleteMany({ where: { id: noteId } }); // a refused action leaves no note
        await record(actor, row, action, reason, refused ? 'refused' : 'failed', {
          requestId,
          detail: refused ? err.message : 'Temporal or the database was unavailable',
        });
        throw err;
      }
      await record(actor, row, action, reason, 'accepted', { requestId, detail });
      const [detailNow, liveNow] = await Promise.all([get(id), live(id, operations)]);
      return { id, action, outcome: 'accepted', lifecycle: { ...detailNow, ...liveNow, rule: liveNow.rule ?? detailNow.rule } };
    },
  };
}

export type LifecycleConsole = ReturnType<typeof createLifecycleConsole>;
