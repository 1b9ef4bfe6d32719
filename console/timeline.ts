// Turns a workflow's raw Temporal history into the timeline an auditor reads: termination,
// deactivation, timers started and fired, holds, activities (local ones too, such as the post-purge
// verification) with outcome, attempts and counts, purge and evidence. Each entry is an event code
// with its values, never prose: the console's catalogues say it in Norwegian or English. The
// projection writes and patch markers are bookkeeping and left out; the downloads keep every event.
import type { LoadedDataConverter } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';

import type { TimelineEntry } from './records';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

type Params = TimelineEntry['params'];
type Value = Params[string];

async function decodeArgs(
  converter: LoadedDataConverter,
  payloads: temporal.api.common.v1.IPayload[] | null | undefined,
): Promise<unknown[]> {
  try {
    return await decodeArrayFromPayloads(converter, payloads ?? []);
  } catch {
    return []; // an undecodable payload (e.g. encrypted with a key this process lacks) just shows no detail
  }
}

/** The values of a request worth showing: its reason and the time it names; nothing else travels in them. */
function requestParams(arg: unknown): Params {
  const a = (arg && typeof arg === 'object' ? arg : {}) as Record<string, unknown>;
  const params: Params = {};
  if (typeof a.reason === 'string') params.reason = a.reason;
  if (typeof a.terminatedAt === 'string') params.terminatedAt = a.terminatedAt;
  return params;
}

/** The counts and IDs an activity's result carries (evidence, cascade progress, verification). */
function resultParams(result: unknown): Params {
  const r = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
  const params: Params = {};
  const pick = (key: string, as = key) => {
    const v = r[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[as] = v as Value;
  };
  pick('evidenceId');
  pick('usersDone', 'done');
  pick('usersSkipped', 'skipped');
  pick('finished');
  pick('ok');
  if (Array.isArray(r.failed)) params.found = r.failed.length;
  return params;
}

function phaseOf(event: HistoryEvent): string | undefined {
  const field = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.LifecyclePhase;
  if (!field) return undefined;
  try {
    const v = defaultPayloadConverter.fromPayload<unknown>(field);
    return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

const seconds = (d: { seconds?: unknown } | null | undefined) => Number(d?.seconds ?? 0);

/** Bookkeeping local activities (the console's own row) are left out; the raw history still has them. */
const BOOKKEEPING = new Set(['projectLifecycle']);

/** A local activity's marker: its type (plain JSON) and its result (encoded like any payload). */
async function localActivity(converter: LoadedDataConverter, e: HistoryEvent) {
  const details = e.markerRecordedEventAttributes?.details ?? {};
  const [data] = await decodeArgs(converter, details.data?.payloads);
  const type = (data as { activity_type?: unknown } | undefined)?.activity_type;
  if (typeof type !== 'string') return null;
  const [result] = await decodeArgs(converter, details.result?.payloads);
  const failed = e.markerRecordedEventAttributes?.failure;
  return { type, result, attempt: Number((data as { attempt?: unknown }).attempt ?? 1), failed: failed?.message ?? null };
}

export async function buildTimeline(events: HistoryEvent[], converter: LoadedDataConverter): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  const activities = new Map<number, TimelineEntry>();
  const timers = new Map<string, TimelineEntry>();
  let phase: string | undefined;

  for (const e of events) {
    const id = Number(e.eventId);
    const at = new Date(tsToMs(e.eventTime)).toISOString();
    const push = (entry: Omit<TimelineEntry, 'id' | 'at' | 'params'> & { params?: Params }) => {
      const full: TimelineEntry = { id, at, params: {}, ...entry };
      out.push(full);
      return full;
    };
    switch (e.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
        const a = e.workflowExecutionStartedEventAttributes;
        const [input] = await decodeArgs(converter, a?.input?.payloads);
        const version = (input as { policy?: { version?: string } } | undefined)?.policy?.version;
        push({
          kind: 'lifecycle',
          event: a?.continuedExecutionRunId ? 'lifecycle.continued' : 'lifecycle.started',
          params: version ? { policyVersion: version } : {},
          outcome: 'ok',
        });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
        const [arg] = await decodeArgs(converter, req?.args?.payloads);
        push({ kind: 'request', event: `request.${req?.name ?? 'update'}`, params: requestParams(arg), outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
        const a = e.workflowExecutionSignaledEventAttributes;
        const [arg] = await decodeArgs(converter, a?.input?.payloads);
        push({ kind: 'request', event: `signal.${a?.signalName ?? 'signal'}`, params: requestParams(arg), outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const a = e.activityTaskScheduledEventAttributes;
        const name = a?.activityType?.name ?? 'activity';
        const [input] = await decodeArgs(converter, a?.input?.payloads);
        const action = (input as { action?: unknown } | undefined)?.action;
        const params: Params = typeof action === 'string' ? { action } : {};
        activities.set(id, push({ kind: 'activity', event: `activity.${name}`, params, outcome: 'pending', attempts: 0 }));
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const a = e.activityTaskStartedEventAttributes;
        const entry = activities.get(Number(a?.scheduledEventId));
        if (entry) entry.attempts = a?.attempt ?? 1;
        if (entry && a?.lastFailure?.message) entry.params.lastFailure = a.lastFailure.message;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const a = e.activityTaskCompletedEventAttributes;
        const entry = activities.get(Number(a?.scheduledEventId));
        if (!entry) break;
        entry.outcome = 'ok';
        const [result] = await decodeArgs(converter, a?.result?.payloads);
        Object.assign(entry.params, resultParams(result));
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED: {
        const a = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes ?? e.activityTaskCanceledEventAttributes;
        const entry = activities.get(Number(a?.scheduledEventId));
        if (!entry) break;
        entry.outcome = e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED ? 'cancelled' : 'failed';
        const failure = e.activityTaskFailedEventAttributes?.failure?.message;
        if (failure) entry.params.failure = failure;
        break;
      }
      case EventType.EVENT_TYPE_MARKER_RECORDED: {
        if (e.markerRecordedEventAttributes?.markerName !== 'core_local_activity') break; // patch markers are bookkeeping
        const local = await localActivity(converter, e);
        if (!local || BOOKKEEPING.has(local.type)) break;
        push({
          kind: 'activity',
          event: `activity.${local.type}`,
          params: { ...resultParams(local.result), ...(local.failed ? { failure: local.failed } : {}) },
          outcome: local.failed ? 'failed' : 'ok',
          attempts: local.attempt,
        });
        break;
      }
      case EventType.EVENT_TYPE_TIMER_STARTED: {
        const a = e.timerStartedEventAttributes;
        const s = seconds(a?.startToFireTimeout);
        const firesAt = new Date(tsToMs(e.eventTime) + s * 1000).toISOString();
        timers.set(a?.timerId ?? '', push({ kind: 'timer', event: 'timer.started', params: { seconds: s, firesAt }, outcome: 'pending' }));
        break;
      }
      case EventType.EVENT_TYPE_TIMER_FIRED: {
        const entry = timers.get(e.timerFiredEventAttributes?.timerId ?? '');
        if (entry) entry.outcome = 'ok';
        push({ kind: 'timer', event: 'timer.fired', outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_TIMER_CANCELED: {
        // The workflow woke before its deadline: a request arrived or the deadline moved.
        const entry = timers.get(e.timerCanceledEventAttributes?.timerId ?? '');
        if (entry) {
          entry.outcome = 'cancelled';
          entry.params.cancelledAt = at;
        }
        break;
      }
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const next = phaseOf(e);
        if (next && next !== phase) push({ kind: 'phase', event: `phase.${next}`, params: { phase: next }, outcome: 'ok' });
        if (next) phase = next;
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED: {
        const cause = e.workflowExecutionCancelRequestedEventAttributes?.cause;
        push({ kind: 'lifecycle', event: 'lifecycle.cancelRequested', params: cause ? { cause } : {}, outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        push({ kind: 'lifecycle', event: 'lifecycle.cancelled', outcome: 'cancelled' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        push({ kind: 'lifecycle', event: 'lifecycle.completed', outcome: 'ok' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED: {
        const failure = e.workflowExecutionFailedEventAttributes?.failure?.message;
        push({ kind: 'lifecycle', event: 'lifecycle.failed', params: failure ? { failure } : {}, outcome: 'failed' });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED: {
        const reason = e.workflowExecutionTerminatedEventAttributes?.reason;
        push({ kind: 'lifecycle', event: 'lifecycle.terminated', params: reason ? { reason } : {}, outcome: 'cancelled' });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        push({ kind: 'lifecycle', event: 'lifecycle.continuedAsNew', outcome: 'ok' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        push({ kind: 'lifecycle', event: 'lifecycle.timedOut', outcome: 'failed' });
        break;
      default:
        break;
    }
  }
  return out;
}
