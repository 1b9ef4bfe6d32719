// The app's own worker metrics, recorded through the Temporal SDK's metric meter so they are
// served on the same Prometheus endpoint as the SDK's runtime metrics (one scrape per worker).
// They are observed around activities by an interceptor, so activity code stays free of metrics.
// Labels are rule names and activity types only: never a subject ID or anything personal.
import type { Context } from '@temporalio/activity';
import type { MetricMeter } from '@temporalio/common';
import { Runtime, type ActivityInboundCallsInterceptor, type ActivityInterceptorsFactory } from '@temporalio/worker';

export const WORKER_METRICS = {
  purges: 'nitd_purges_completed',
  purgeLateness: 'nitd_purge_lateness_seconds',
  evidence: 'nitd_evidence_records',
  deactivations: 'nitd_deactivations',
  erasureVerifications: 'nitd_erasure_verifications',
  reconciliationStarted: 'nitd_reconciliation_lifecycles_started',
  reconciliationOrphans: 'nitd_reconciliation_orphans_flagged',
} as const;

/** Lateness buckets: seconds to a week; a purge more than a day late needs a look. */
export const LATENESS_BUCKETS_SECONDS = [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400];

interface EvidenceLike {
  evidenceId?: unknown;
  alreadyDone?: unknown;
  finishedAt?: unknown;
  /** Post-purge verification outcomes (lifecycles/user/verifyErased.ts, `verify*`) carry ok and checkedAt. */
  ok?: unknown;
  checkedAt?: unknown;
}

// Created once per process from the runtime's meter; each activity adds its own tags.
let instruments: ReturnType<typeof createInstruments> | undefined;

function createInstruments(meter: MetricMeter) {
  return {
    evidence: meter.createCounter(WORKER_METRICS.evidence, '1', 'evidence records written'),
    purges: meter.createCounter(WORKER_METRICS.purges, '1', 'purges completed, with their evidence'),
    lateness: meter.createHistogram(WORKER_METRICS.purgeLateness, 'float', 's', 'how long after its due time a purge finished'),
    deactivations: meter.createCounter(WORKER_METRICS.deactivations, '1', 'accounts deactivated at termination'),
    erasureVerifications: meter.createCounter(
      WORKER_METRICS.erasureVerifications,
      '1',
      'post-purge checks that the stores hold nothing personal, by outcome',
    ),
    reconciliationStarted: meter.createCounter(
      WORKER_METRICS.reconciliationStarted,
      '1',
      'lifecycles the reconciliation started for missed terminations',
    ),
    reconciliationOrphans: meter.createCounter(
      WORKER_METRICS.reconciliationOrphans,
      '1',
      'running lifecycles whose subject vanished, as flagged by each reconciliation run',
    ),
  };
}

export const metricsInterceptor: ActivityInterceptorsFactory = (ctx: Context) => {
  instruments ??= createInstruments(Runtime.instance().metricMeter);
  const m = instruments;
  const { activityType, taskQueue, workflowNamespace } = ctx.info;
  const tags: Record<string, string> = { activity_type: activityType, task_queue: taskQueue, namespace: workflowNamespace ?? 'unknown' };
  const inbound: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      const result = (await next(input)) as EvidenceLike | undefined;
      // A retry that finds the work already done (alreadyDone) wrote nothing new: count it once.
      if (result && typeof result === 'object' && typeof result.evidenceId === 'string' && result.alreadyDone === false) {
        m.evidence.add(1, tags);
        if (activityType === 'purgeUser') recordPurge(m, tags, input.args[0], result);
      }
      if (
        activityType.startsWith('verify') &&
        result &&
        typeof result === 'object' &&
        typeof result.ok === 'boolean' &&
        typeof result.checkedAt === 'string'
      ) {
        m.erasureVerifications.add(1, { ...tags, outcome: result.ok ? 'ok' : 'failed' });
      }
      if (activityType === 'reconcileSubjects' && result && typeof result === 'object') {
        const r = result as { lifecyclesStarted?: unknown; orphanedWorkflowIds?: unknown };
        if (typeof r.lifecyclesStarted === 'number') m.reconciliationStarted.add(r.lifecyclesStarted, tags);
        if (Array.isArray(r.orphanedWorkflowIds)) m.reconciliationOrphans.add(r.orphanedWorkflowIds.length, tags);
      }
      if (activityType === 'deactivateUser' && (result as { changed?: unknown } | undefined)?.changed === true) {
        m.deactivations.add(1, tags);
      }
      return result;
    },
  };
  return { inbound };
};

function recordPurge(m: NonNullable<typeof instruments>, base: Record<string, string>, arg: unknown, result: EvidenceLike): void {
  const { rule, dueAt } = (arg ?? {}) as { rule?: unknown; dueAt?: unknown };
  const tags = { ...base, rule: typeof rule === 'string' ? rule : 'unknown' };
  m.purges.add(1, tags);
  const due = typeof dueAt === 'string' ? Date.parse(dueAt) : NaN;
  const finished = typeof result.finishedAt === 'string' ? Date.parse(result.finishedAt) : NaN;
  if (Number.isFinite(due) && Number.isFinite(finished)) m.lateness.record(Math.max(0, (finished - due) / 1000), tags);
}
