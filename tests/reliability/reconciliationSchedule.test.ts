// The reconciliation Schedule's policies on the dev server: a run still going when the next is due
// is not doubled (overlap SKIP), and after an outage at most one day of missed runs is caught up
// (catchupWindow 1 day), not a run per missed interval. Worker start-up calls
// ensureReconciliationSchedule on every deploy, so the second call must update the schedule, not
// fail, and must keep those policies. The schedule ID is a constant: this file works in a namespace
// of its own, so it never meets another file's schedule on the shared server.
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../../jobs/reconciliation/schedule';
import { policyFromEnv } from '../../policy/fromEnv';
import { waitUntilServing } from '../../scripts/temporal-dev';
import { testTemporalAddress } from '../support/env';
import { uniqueId } from '../support/subjects';
import { quietRuntime } from '../../testkit/runtime';

const HOUR = 3_600_000;
const namespace = uniqueId('schedule');
let connection: Connection | undefined;
let temporal: Client;

beforeAll(async () => {
  quietRuntime();
  connection = await Connection.connect({ address: testTemporalAddress() });
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  await waitUntilServing(testTemporalAddress(), namespace, 30_000);
  temporal = new Client({ connection, namespace });
});

afterAll(async () => {
  await temporal?.schedule
    .getHandle(RECONCILIATION_SCHEDULE_ID)
    .delete()
    .catch(() => {});
  await connection?.close();
});

describe('reconciliation schedule', () => {
  it('skips overlapping runs and catches up at most one day, and keeps both when a redeploy updates it', async () => {
    const opts = { taskQueue: uniqueId('reconcile'), policy: policyFromEnv({}) };
    const schedule = temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID);

    expect(await ensureReconciliationSchedule(temporal, opts)).toBe('created');
    const created = await schedule.describe();
    expect(created.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 24 * HOUR });
    expect(created.spec.intervals).toMatchObject([{ every: 24 * HOUR }]);

    expect(await ensureReconciliationSchedule(temporal, { ...opts, every: '6 hours' })).toBe('updated');
    const updated = await schedule.describe();
    expect(updated.spec.intervals).toMatchObject([{ every: 6 * HOUR }]);
    expect(updated.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 24 * HOUR });
    expect(updated.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconciliationWorkflow', taskQueue: opts.taskQueue });
  });
});
