// The jobs' Schedules (reconciliation, conformance scan, ageing sweep) on the dev server: a run still going when the next is due
// is not doubled (overlap SKIP), and after an outage at most one day of missed runs is caught up
// (catchupWindow 1 day), not a run per missed interval. Worker start-up calls
// ensureReconciliationSchedule on every deploy, so the second call must update the schedule, not
// fail, and must keep those policies. The schedule ID is a constant: this file works in a namespace
// of its own, so it never meets another file's schedule on the shared server.
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGEING_SCHEDULE_ID, ensureAgeingSchedule } from '../../jobs/ageing/schedule';
import { CONFORMANCE_SCHEDULE_ID, conformanceInput, ensureConformanceSchedule } from '../../jobs/conformance/schedule';
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
  for (const id of [RECONCILIATION_SCHEDULE_ID, CONFORMANCE_SCHEDULE_ID, AGEING_SCHEDULE_ID])
    await temporal?.schedule
      .getHandle(id)
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

  it('runs the conformance scan on its own schedule, at CONFORMANCE_SCAN_EVERY, with the same policies', async () => {
    const input = conformanceInput(policyFromEnv({}), 7 * 24 * HOUR);
    const opts = { taskQueue: uniqueId('conformance'), input, every: 12 * HOUR };
    expect(await ensureConformanceSchedule(temporal, opts)).toBe('created');
    expect(await ensureConformanceSchedule(temporal, { ...opts, every: 24 * HOUR })).toBe('updated');
    const schedule = await temporal.schedule.getHandle(CONFORMANCE_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals).toMatchObject([{ every: 24 * HOUR }]);
    expect(schedule.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 24 * HOUR });
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'conformanceScanWorkflow', taskQueue: opts.taskQueue });
  });

  it('runs the ageing sweep on its own schedule, at AGEING_SWEEP_EVERY, each run looking ahead to the next', async () => {
    const opts = { taskQueue: uniqueId('ageing'), policy: policyFromEnv({}), everyMs: 24 * HOUR };
    expect(await ensureAgeingSchedule(temporal, opts)).toBe('created');
    expect(await ensureAgeingSchedule(temporal, { ...opts, everyMs: 12 * HOUR })).toBe('updated');
    const schedule = await temporal.schedule.getHandle(AGEING_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals).toMatchObject([{ every: 12 * HOUR }]);
    expect(schedule.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 24 * HOUR });
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'ageingSweepWorkflow',
      taskQueue: opts.taskQueue,
      args: [{ lookaheadMs: 12 * HOUR }],
    });
  });
});
