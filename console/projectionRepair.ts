// A lifecycle's list row rebuilt from what Temporal says of its workflow (search attributes and
// status), for `npm run projection:rebuild` and the console's one-click repair: one function, so
// both repair a row the same way.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { LifecycleProjectionInput } from '../lifecycles/shared/projectionStore';
import type { KindName, LifecycleStatus } from '../lifecycles/shared/contract';
import {
  CustomerId,
  LifecycleDueAt,
  LifecycleKind,
  LifecycleOnHold,
  LifecyclePhase,
  PolicyVersion,
} from '../lifecycles/shared/searchAttributes';

const STATUS: Record<string, LifecycleStatus | undefined> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
  TERMINATED: 'failed',
  TIMED_OUT: 'failed',
};

/**
 * The row, or null for a workflow that is not a lifecycle or a run that continued as new (its
 * successor is listed). Closed runs take the version of their close time, which beats every write
 * the run made itself; running ones `runningVersion` (0: only written where no row exists).
 */
export function rowFromTemporal(
  info: Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'status' | 'closeTime' | 'typedSearchAttributes'>,
  runningVersion = 0,
): LifecycleProjectionInput | null {
  const sa = info.typedSearchAttributes;
  const kind = sa.get(LifecycleKind) as KindName | undefined;
  const status = STATUS[info.status.name];
  if (!kind || !status) return null;
  const closedMs = info.closeTime?.getTime();
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    kind,
    subjectId: info.workflowId.replace(new RegExp(`^${kind}-lifecycle-`), ''),
    customerId: sa.get(CustomerId) ?? null,
    phase: sa.get(LifecyclePhase) ?? 'ACTIVE',
    status,
    dueAt: status === 'running' ? (sa.get(LifecycleDueAt)?.toISOString() ?? null) : null,
    onHold: sa.get(LifecycleOnHold) ?? false,
    policyVersion: sa.get(PolicyVersion) ?? 'unknown',
    version: closedMs === undefined ? runningVersion : closedMs * 1000 + 999,
  };
}
