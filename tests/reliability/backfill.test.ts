// The backfill on the dev server with a real worker: active users get an ACTIVE lifecycle,
// deactivated users a QUARANTINED one counted from their deactivation, purged users none; a re-run
// and a resumed run change nothing.
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { createWorker } from '../../worker/createWorker';
import { runBackfill, subjectKinds, type SubjectKind } from '../../scripts/backfillSubjects';
import { stateQuery, userWorkflowId } from '../../workflows/userLifecycleApi';
import { testTemporalAddress } from '../support/env';
import { isolatedDatabaseWith } from './isolated';
import { quietRuntime } from '../support/temporal';
import { seedUser } from '../support/subjects';
import type { Client } from '@temporalio/client';

let db: Db;
let temporal: Client;
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
let kinds: SubjectKind[];
const config = () => loadConfig({ NODE_ENV: 'test', DATABASE_URL: dbUrl, TEMPORAL_ADDRESS: testTemporalAddress(), TEMPORAL_TASK_QUEUE: queue });
let dbUrl: string;
let queue: string;

beforeAll(async () => {
  quietRuntime();
  // A database of its own: the backfill pages through every user, not just this file's.
  ({ url: dbUrl, queue } = await isolatedDatabaseWith('backfill'));
  db = createDb(dbUrl);
  temporal = await createTemporalClient(config());
  connection = await NativeConnection.connect({ address: testTemporalAddress() });
  worker = await createWorker({ connection, namespace: 'default', taskQueue: queue, payloadKeys: config().payloadKeys, db, temporal });
  running = worker.run();
  kinds = subjectKinds({ db, temporal, taskQueue: queue, policy: config().policy });
});

afterAll(async () => {
  worker?.shutdown();
  await running?.catch(() => {});
  await connection?.close();
  await temporal?.connection.close();
  await db?.$disconnect();
});

describe('backfill', () => {
  it('starts a lifecycle for every subject, idempotently and resumably', async () => {
    const active = await Promise.all(Array.from({ length: 6 }, () => seedUser(db)));
    const deactivated = await Promise.all(Array.from({ length: 3 }, () => seedUser(db)));
    const deactivatedAt = new Date(Date.now() - 3 * 86_400_000);
    await db.userAccount.updateMany({ where: { id: { in: deactivated.map((u) => u.userId) } }, data: { status: 'deactivated', deactivatedAt } });
    const purged = await seedUser(db);
    await db.userAccount.update({ where: { id: purged.userId }, data: { status: 'purged' } });

    // A first run interrupted after the first page of 4 (as a crash would leave it) …
    const seen: string[] = [];
    const partial = await runBackfill(kinds, { concurrency: 3, pageSize: 4, onProgress: (p) => p.lastId && seen.push(p.lastId) });
    expect(partial.failures).toEqual([]);
    expect(partial.counts).toMatchObject({ started: 6, terminated: 3 });
    // … resumed after its first page: only the rest is visited again.
    const resumed = await runBackfill(kinds, { concurrency: 3, pageSize: 4, resumeAfter: { user: seen[0]! } });
    expect(resumed.counts.started + resumed.counts.terminated).toBe(5);

    for (const u of active) {
      expect((await temporal.workflow.getHandle(userWorkflowId(u.userId)).query(stateQuery)).phase).toBe('ACTIVE');
    }
    for (const u of deactivated) {
      const view = await temporal.workflow.getHandle(userWorkflowId(u.userId)).query(stateQuery);
      expect(view.phase).toBe('QUARANTINED');
      expect(view.terminatedAt).toBe(deactivatedAt.toISOString());
    }
    // A re-run starts nothing new, and the purged user never gets a lifecycle.
    const before = (await temporal.workflow.count(`TaskQueue = "${queue}"`)).count;
    expect((await runBackfill(kinds, { concurrency: 3 })).failures).toEqual([]);
    expect((await temporal.workflow.count(`TaskQueue = "${queue}"`)).count).toBe(before);
    await expect(temporal.workflow.getHandle(userWorkflowId(purged.userId)).describe()).rejects.toThrow(/not found/i);
  });
});
