// The admin API under test with a real worker on the Temporal dev server, so lifecycles created
// here run the real workflow and write their own projection rows.
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { createActivities } from '../../worker/activities';
import { writeProjection, type LifecycleProjectionInput } from '../../lifecycles/shared/projectionStore';
import { testTemporalAddress } from '../support/env';
import { workflowBundle } from '../support/temporal';
import { uniqueId } from '../support/subjects';
import { ADMIN, provisionUser, SERVICE, useApi, type Api } from '../api/harness';

export { ADMIN, AUDITOR, SERVICE } from '../api/harness';

export interface AdminApi extends Api {
  worker: Worker;
}

/** useApi() plus a worker polling the app's task queue for the whole file. */
export function useAdminApi(): AdminApi {
  const api = useApi() as AdminApi;
  let connection: NativeConnection | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    const bundle = await workflowBundle(); // installs the quiet runtime before any native connection
    connection = await NativeConnection.connect({ address: testTemporalAddress() });
    api.worker = await Worker.create({
      connection,
      taskQueue: api.config.temporal.taskQueue,
      workflowBundle: bundle,
      // Whatever the app's client encodes with (e.g. payload encryption), the worker must decode.
      dataConverter: api.temporal.options.dataConverter,
      activities: createActivities({ db: api.db, temporal: api.temporal }),
    });
    running = api.worker.run();
  });
  afterAll(async () => {
    if (api.worker?.getState() === 'RUNNING') api.worker.shutdown();
    await running;
    await connection?.close();
  });
  return api;
}

/** A provisioned user terminated through the service API: a real, running, quarantined lifecycle. */
export async function quarantinedUser(api: Api): Promise<{ userId: string; customerId: string; workflowId: string }> {
  const { userId, customerId } = await provisionUser(api);
  const res = await request(api.app).post(`/api/v1/users/${userId}/termination`).set(SERVICE).send({ reason: 'sluttet' }).expect(202);
  return { userId, customerId, workflowId: res.body.workflowId };
}

/** Waits until the workflow's own projection write satisfies `ok` (it lands right after the update). */
export async function projected(api: Api, workflowId: string, ok: (r: Record<string, unknown>) => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(ADMIN);
    if (res.status === 200 && ok(res.body)) return res.body as Record<string, unknown>;
    if (Date.now() > until) throw new Error(`projection of ${workflowId} never matched: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Projection rows written directly (the list's contract needs many rows, not many workflows). */
export async function seedRows(api: Api, n: number, make: (i: number) => Partial<LifecycleProjectionInput>): Promise<string> {
  const tag = uniqueId('list');
  for (let i = 0; i < n; i++) {
    await writeProjection(api.db, {
      workflowId: `user-lifecycle-${tag}-${String(i).padStart(3, '0')}`,
      runId: null,
      kind: 'user',
      subjectId: `${tag}-${String(i).padStart(3, '0')}`,
      customerId: tag,
      phase: 'QUARANTINED',
      status: 'running',
      dueAt: new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString(),
      onHold: false,
      policyVersion: 'nitd-2026.1',
      version: 1,
      ...make(i),
    });
  }
  return tag;
}

export const q = (params: Record<string, unknown>) =>
  Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');
