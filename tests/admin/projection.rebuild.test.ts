// The list's repair path: rows the workflows could not write (a lost row, a workflow terminated
// from outside) come back from Temporal visibility with `npm run projection:rebuild`.
import { describe, expect, it } from 'vitest';
import { rebuildProjection } from '../../ops/projection-rebuild';
import { useApp } from '../support/harness';
import { projected, quarantinedUser } from '../support/http';
import { POLICY_BASE_VERSION } from '../../policy/retention';

const api = useApp({ worker: true });
const row = (workflowId: string) => api.db.lifecycleProjection.findUnique({ where: { workflowId } });

/** Visibility is eventually consistent: rebuild until the row says what Temporal says. */
async function rebuildUntil(workflowId: string, ok: (r: Awaited<ReturnType<typeof row>>) => boolean) {
  for (let i = 0; i < 100; i++) {
    await rebuildProjection(api.db, api.temporal, `WorkflowId = "${workflowId}"`);
    const r = await row(workflowId);
    if (ok(r)) return r!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `rebuild never fixed ${workflowId}: ${JSON.stringify(await row(workflowId), (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
  );
}

describe('npm run projection:rebuild', () => {
  it('restores a lost row of a running lifecycle from its search attributes', async () => {
    const { workflowId, userId, customerId } = await quarantinedUser(api);
    const written = await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    await api.db.lifecycleProjection.delete({ where: { workflowId } });
    const back = await rebuildUntil(workflowId, (r) => r?.phase === 'QUARANTINED');
    expect(back).toMatchObject({
      kind: 'user',
      subjectId: userId,
      customerId,
      status: 'running',
      onHold: false,
      policyVersion: POLICY_BASE_VERSION,
    });
    expect(back.dueAt?.toISOString()).toBe(written.dueAt);
  });

  it('marks a lifecycle terminated outside the console as failed, and never rewinds a fresher row', async () => {
    const { workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    const before = await row(workflowId);
    // A running workflow's own row is fresher than visibility: the rebuild leaves it alone.
    await rebuildProjection(api.db, api.temporal, `WorkflowId = "${workflowId}"`);
    expect((await row(workflowId))?.version).toBe(before?.version);

    await api.temporal.workflow.getHandle(workflowId).terminate('operator test');
    const fixed = await rebuildUntil(workflowId, (r) => r?.status === 'failed');
    expect(fixed).toMatchObject({ phase: 'QUARANTINED', dueAt: null });
  });
});
