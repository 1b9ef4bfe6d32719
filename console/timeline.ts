// Turns a workflow's raw Temporal history into the timeline an auditor reads: termination,
// deactivation, timers started and fired, holds, activities with outcome and attempts, purge and
// evidence. The projection writes (local-activity markers) and patch markers are bookkeeping and
// left out; the raw history download still has every event.
import type { LoadedDataConverter } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';

import type { TimelineEntry } from './records';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

/** Request names (update handlers) as people say them. */
const REQUESTS: Record<string, string> = {
  terminate: 'Termination received',
  placeHold: 'Legal hold placed',
  releaseHold: 'Legal hold released',
  restore: 'Restore requested',
  requestErasure: 'Erasure requested (GDPR art. 17)',
};

const ACTIVITIES: Record<string, string> = {
  deactivateUser: 'Account deactivated',
  reactivateUser: 'Account reactivated',
  purgeUser: 'Personal data purged',
};

const humanise = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

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

function describeArg(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  const parts = [
    typeof a.reason === 'string' ? `reason: ${a.reason}` : undefined,
    typeof a.terminatedAt === 'string' ? `terminated at ${a.terminatedAt}` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
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
function duration(s: number): string {
  if (s >= 86_400) return `${Math.round((s / 86_400) * 10) / 10} days`;
  if (s >= 3600) return `${Math.round((s / 3600) * 10) / 10} hours`;
  return `${s} s`;
}

export async function buildTimeline(events: HistoryEvent[], converter: LoadedDataConverter): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  const activities = new Map<number, TimelineEntry>();
  const timers = new Map<string, TimelineEntry>();
  let phase: string | undefined;

  for (const e of events) {
    const id = Number(e.eventId);
    const at = new Date(tsToMs(e.eventTime)).toISOString();
    const push = (entry: Omit<TimelineEntry, 'id' | 'at'>) => {
      const full = { id, at, ...entry };
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
          title: a?.continuedExecutionRunId ? 'Lifecycle continued (new run)' : 'Lifecycle started',
          detail: version ? `policy ${version}` : undefined,
          outcome: 'ok',
        });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const req = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
        const name = req?.name ?? 'update';
        const [arg] = await decodeArgs(converter, req?.args?.payloads);
        push({ kind: 'request', title: REQUESTS[name] ?? humanise(name), detail: describeArg(arg), outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED: {
        const a = e.workflowExecutionSignaledEventAttributes;
        const [arg] = await decodeArgs(converter, a?.input?.payloads);
        push({ kind: 'request', title: `Signal: ${humanise(a?.signalName ?? 'signal')}`, detail: describeArg(arg), outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const name = e.activityTaskScheduledEventAttributes?.activityType?.name ?? 'activity';
        activities.set(
          id,
          push({ kind: 'activity', title: ACTIVITIES[name] ?? humanise(name), detail: name, outcome: 'pending', attempts: 0 }),
        );
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const a = e.activityTaskStartedEventAttributes;
        const entry = activities.get(Number(a?.scheduledEventId));
        if (entry) entry.attempts = a?.attempt ?? 1;
        if (entry && a?.lastFailure?.message) entry.detail = `${entry.detail} · last failure: ${a.lastFailure.message}`;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const a = e.activityTaskCompletedEventAttributes;
        const entry = activities.get(Number(a?.scheduledEventId));
        if (!entry) break;
        entry.outcome = 'ok';
        const [result] = await decodeArgs(converter, a?.result?.payloads);
        const evidenceId = (result as { evidenceId?: unknown } | undefined)?.evidenceId;
        if (typeof evidenceId === 'string') entry.detail = `${entry.detail} · evidence ${evidenceId}`;
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
        if (failure) entry.detail = `${entry.detail} · ${failure}`;
        break;
      }
      case EventType.EVENT_TYPE_TIMER_STARTED: {
        const a = e.timerStartedEventAttributes;
        const s = seconds(a?.startToFireTimeout);
        const fires = new Date(tsToMs(e.eventTime) + s * 1000).toISOString();
        timers.set(
          a?.timerId ?? '',
          push({ kind: 'timer', title: `Timer started (${duration(s)})`, detail: `fires at ${fires}`, outcome: 'pending' }),
        );
        break;
      }
      case EventType.EVENT_TYPE_TIMER_FIRED: {
        const entry = timers.get(e.timerFiredEventAttributes?.timerId ?? '');
        if (entry) entry.outcome = 'ok';
        push({ kind: 'timer', title: 'Timer fired', outcome: 'ok' });
        break;
      }
      case EventType.EVENT_TYPE_TIMER_CANCELED: {
        const entry = timers.get(e.timerCanceledEventAttributes?.timerId ?? '');
        if (entry) {
          entry.outcome = 'cancelled';
          entry.detail = `${entry.detail ?? ''} · cancelled at ${at} (woken early: a request, a new deadline or the end)`;
        }
        break;
      }
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const next = phaseOf(e);
        if (next && next !== phase) push({ kind: 'phase', title: `Phase ${next}`, outcome: 'ok' });
        if (next) phase = next;
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
        push({
          kind: 'lifecycle',
          title: 'Cancellation requested',
          detail: e.workflowExecutionCancelRequestedEventAttributes?.cause ?? undefined,
          outcome: 'ok',
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        push({ kind: 'lifecycle', title: 'Lifecycle cancelled', outcome: 'cancelled' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        push({ kind: 'lifecycle', title: 'Lifecycle completed', outcome: 'ok' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        push({
          kind: 'lifecycle',
          title: 'Lifecycle failed',
          detail: e.workflowExecutionFailedEventAttributes?.failure?.message ?? undefined,
          outcome: 'failed',
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        push({
          kind: 'lifecycle',
          title: 'Lifecycle terminated by an operator',
          detail: e.workflowExecutionTerminatedEventAttributes?.reason ?? undefined,
          outcome: 'cancelled',
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        push({ kind: 'lifecycle', title: 'Continued as new (history kept short)', outcome: 'ok' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        push({ kind: 'lifecycle', title: 'Lifecycle timed out', outcome: 'failed' });
        break;
      default:
        break;
    }
  }
  return out;
}
