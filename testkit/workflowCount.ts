// The lifecycle workflows on a task queue, from Temporal's visibility store. Each test file and
// bench has a queue of its own, so these are its workflows only.
import type { Client } from '@temporalio/client';
import { KIND_NAMES } from '../lifecycles/registry';
import { subjectOfWorkflowId, type KindName } from '../lifecycles/shared/contract';

export interface LifecycleSubject {
  kind: KindName | 'other';
  id: string;
  workflowId: string;
}

export function subjectOf(workflowId: string): LifecycleSubject {
  const named = subjectOfWorkflowId(workflowId, KIND_NAMES);
  return named ? { kind: named.kind, id: named.subjectId, workflowId } : { kind: 'other', id: workflowId, workflowId };
}

export async function workflowsOnQueue(temporal: Client, taskQueue: string): Promise<number> {
  const { count } = await temporal.workflow.count(`TaskQueue = "${taskQueue}"`);
  return count;
}

/** The subjects whose lifecycle workflows run (or ran) on the queue; bounded to 10 000. */
export async function lifecycleSubjectsOnQueue(temporal: Client, taskQueue: string): Promise<LifecycleSubject[]> {
  const subjects: LifecycleSubject[] = [];
  for await (const wf of temporal.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    subjects.push(subjectOf(wf.workflowId));
    if (subjects.length >= 10_000) break;
  }
  return subjects;
}
