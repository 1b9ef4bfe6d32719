// Temporal's own store must not keep closed lifecycles longer than TEMPORAL_RETENTION: the worker
// refuses to start on a namespace that does, naming the setting, and starts once it is set.
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFreePort } from '../../scripts/ports';
import { msToTs } from '@temporalio/common/lib/time';
import { setNamespaceRetention } from '../../temporal/namespace';
import { startAppProcess } from '../../testkit/appProcess';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { uniqueId } from '../support/subjects';

const DAY = 86_400_000;
const namespace = uniqueId('retention');
let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: testTemporalAddress() });
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(40 * DAY) });
});

afterAll(async () => {
  await connection?.close();
});

async function worker() {
  return startAppProcess('worker/main.ts', {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: uniqueId('retention'),
    TEMPORAL_RETENTION: 'P7D',
    METRICS_PORT: String(await getFreePort()),
  });
}

describe('the namespace retention', () => {
  it('is refused at worker start-up when longer than TEMPORAL_RETENTION, and accepted once set', async () => {
    const refused = await worker();
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toMatch(
      new RegExp(`namespace "${namespace}" keeps closed workflows for 40 days, longer than TEMPORAL_RETENTION \\(7 days\\)`),
    );

    // A namespace just registered reaches every frontend's cache in a moment: retry the update.
    await expect
      .poll(
        () =>
          setNamespaceRetention(connection, namespace, 7 * DAY).then(
            () => true,
            () => false,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    const accepted = await worker();
    await accepted.waitFor(/worker polling/);
    accepted.signal('SIGTERM');
    expect(await accepted.exited).toBe(0);
  });
});
