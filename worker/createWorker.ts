import { type NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { AppConfig } from '../config/env';
import type { PayloadKeyRing } from '../temporal/payloadKeys';
import { projectDataConverter } from '../temporal/codec';
import { createActivities, type ActivityDeps } from './activities';
import { metricsInterceptor } from '../observability/workerMetrics';
import { WORKFLOWS_PATH } from './workflowBundle';

export interface WorkerDeps extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Encrypt and decrypt payloads with these (temporal/codec.ts); the clients must hold the same keys. */
  payloadKeys: PayloadKeyRing;
  /** On shutdown, how long in-flight activities may run before they are cancelled (default 30 s). */
  shutdownGraceMs?: number;
  /** WORKER_* settings (config/env.ts); unset ones keep the SDK's defaults. */
  tuning?: AppConfig['worker'];
  /** A prebuilt bundle (worker/workflowBundle.ts); without one the worker bundles the workflows itself. */
  workflowBundlePath?: string;
  /** A bundle already in memory (tests and benches build one per process and share it). */
  workflowBundle?: WorkflowBundle;
}

/** The worker as the process and the integration tests both run it. */
export async function createWorker({
  connection,
  namespace,
  taskQueue,
  payloadKeys,
  shutdownGraceMs = 30_000,
  tuning = {},
  workflowBundlePath,
  workflowBundle,
  ...deps
}: WorkerDeps): Promise<Worker> {
  const set = Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined));
  return Worker.create({
    ...set,
    connection,
    namespace,
    taskQueue,
    dataConverter: projectDataConverter(payloadKeys),
    ...(workflowBundle
      ? { workflowBundle }
      : workflowBundlePath
        ? { workflowBundle: { codePath: workflowBundlePath } }
        : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(deps),
    interceptors: { activity: [metricsInterceptor] },
    shutdownGraceTime: shutdownGraceMs,
  });
}
