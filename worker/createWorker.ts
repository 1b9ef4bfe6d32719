import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { metricsInterceptor } from '../observability/workerMetrics';

export interface WorkerDeps extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** On shutdown, how long in-flight activities may run before they are cancelled (default 30 s). */
  shutdownGraceMs?: number;
}

/** The worker as the process and the integration tests both run it. */
export async function createWorker({ connection, namespace, taskQueue, shutdownGraceMs = 30_000, ...deps }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(deps),
    interceptors: { activity: [metricsInterceptor] },
    shutdownGraceTime: shutdownGraceMs,
  });
}
