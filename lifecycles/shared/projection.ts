// Keeps the admin console's LifecycleProjection row in step with a lifecycle workflow. Every
// lifecycle kind (user, customer) calls the projector from its main loop after a state change and
// once more with status 'completed' before it returns.
//
// Best effort by design: a failed write is logged and retried at the next change, never allowed to
// hold up a purge; `npm run projection:rebuild` repairs anything missed from Temporal visibility.
import { log, patched, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { LifecycleProjectionInput, ProjectionActivities } from './projectionStore';

/** Gate for workflows that started before projections existed (their histories must replay). */
export const PROJECTION_PATCH = 'lifecycle-projection';

const { projectLifecycle } = proxyLocalActivities<ProjectionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

export type ProjectionRow = Omit<LifecycleProjectionInput, 'workflowId' | 'runId' | 'version'>;

/**
 * Returns `project(row, changeCount)`: it writes when `changeCount` differs from the last one
 * written (or `force`), with a version that grows with workflow time and within one task.
 */
export function createProjector(patchId = PROJECTION_PATCH) {
  let lastWritten: number | null = null;
  let seq = 0;
  return async function project(row: ProjectionRow, changeCount: number, force = false): Promise<void> {
    if (!force && lastWritten === changeCount) return;
    if (!patched(patchId)) return;
    const info = workflowInfo();
    // Workflow time is deterministic and never goes back; the sequence orders writes within a task.
    const version = Date.now() * 1000 + (seq++ % 1000);
    try {
      await projectLifecycle({ ...row, workflowId: info.workflowId, runId: info.runId, version });
      lastWritten = changeCount;
    } catch (err) {
      log.warn('lifecycle projection not written; retried at the next change', { error: String(err) });
    }
  };
}
