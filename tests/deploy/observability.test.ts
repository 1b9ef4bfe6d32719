// Logs and metrics of a real worker process and the API over one full lifecycle: JSON log lines
// naming their workflow, Prometheus metrics from the SDK and the app, and no personal data in any.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb } from '../../db/client';
import { createLogger } from '../../observability/logger';
import { getFreePort } from '../../scripts/ports';
import { createTemporalClient } from '../../temporal/client';
import { startAppProcess, type AppProcess } from '../../testkit/appProcess';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { leakedValues, seedUser, uniqueId, type SeededUser } from '../support/subjects';

const db = createDb(testDatabaseUrl());
const TOKEN = 'observability-test-service';
let env: Record<string, string>;
let worker: AppProcess;
let config: AppConfig;
let temporal: Client;
let app: ReturnType<typeof createApp>;
let user: SeededUser;

beforeAll(async () => {
  env = {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: uniqueId('observability'),
    API_TOKENS: `service:${TOKEN}`,
    METRICS_PORT: String(await getFreePort()),
    RETENTION_USER_QUARANTINE: 'PT1S',
    LOG_LEVEL: 'info',
  };
  worker = startAppProcess('worker/main.ts', env);
  config = loadConfig(env);
  temporal = await createTemporalClient(config);
  app = createApp({ db, temporal, config, logger: createLogger('silent', 'api') });
  await worker.waitFor(/worker polling/);
  // The one lifecycle every test observes: a user terminated through the API, purged a second later.
  user = await seedUser(db);
  await request(app)
    .post(`/api/v1/users/${user.userId}/termination`)
    .set('Authorization', `Bearer ${TOKEN}`)
    .send({ reasonCode: 'employee-left', note: 'sluttet' })
    .expect(202);
});

afterAll(async () => {
  worker?.signal('SIGTERM');
  await worker?.exited;
  await temporal?.connection.close();
  await db.$disconnect();
});

async function scrapeWorker(until: RegExp): Promise<string> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = await fetch(`http://127.0.0.1:${env.METRICS_PORT}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    if (until.test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `worker metrics never matched ${until}:\n${text
      .split('\n')
      .filter((l) => l.startsWith('nitd'))
      .join('\n')}`,
  );
}

describe('a lifecycle observed', () => {
  it('counts the termination on the API, by route template and never by ID', async () => {
    const metrics = (await request(app).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/nitd_terminations_received_total\{subject_kind="user"\} [1-9]/);
    expect(metrics).toMatch(
      /nitd_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/users\/:userId\/termination",status="202"\} [1-9]/,
    );
    expect(metrics).toMatch(/nitd_evidence_verification_failures_total 0/);
    expect(metrics).not.toContain(user.userId);
    expect(leakedValues(metrics, user)).toEqual([]);
  });

  it('serves the SDK metrics and the purge, its lateness and its evidence on the worker', async () => {
    const metrics = await scrapeWorker(/nitd_purge_lateness_seconds_count\{[^}]*rule="user.quarantine-purge"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/nitd_purges_completed_total\{[^}]*rule="user.quarantine-purge"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/nitd_evidence_records_total\{[^}]*activity_type="purgeUser"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/nitd_deactivations_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/^temporal_activity_execution_latency_count\{/m);
    expect(metrics).toMatch(/^temporal_workflow_task_queue_poll_succeed_total\{/m);
    expect(metrics).not.toContain(user.userId);
    expect(leakedValues(metrics, user)).toEqual([]);
    expect((await db.userAccount.findUniqueOrThrow({ where: { id: user.userId } })).status).toBe('purged');
  });

  it('logs JSON lines naming the workflow, with no personal data', async () => {
    const purged = await worker.waitFor(/"msg":"user purged"/);
    const line = JSON.parse(purged);
    expect(line).toMatchObject({
      level: 30,
      service: 'worker',
      userId: user.userId,
      workflowId: `user-lifecycle-${user.userId}`,
      workflowType: 'userLifecycleWorkflow',
    });
    expect(line.runId).toMatch(/^[0-9a-f-]{36}$/);
    for (const l of worker.lines.filter((l) => l.startsWith('{'))) expect(() => JSON.parse(l)).not.toThrow();
    expect(leakedValues(worker.output(), user)).toEqual([]);
  });
});
