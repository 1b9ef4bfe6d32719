import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Db } from '../db/client';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
}

/** The worker as the process and the integration tests both run it. */
export async function createWorker({ connection, namespace, taskQueue, db }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(db),
  });
}
