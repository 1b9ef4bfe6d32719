// Installs the Temporal runtime for the worker process: pino JSON logs for the SDK, Core and
// workflow/activity `log` calls, and a Prometheus endpoint for the SDK's runtime metrics plus the
// app's own (observability/workerMetrics.ts). Must run before any connection or worker exists.
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { temporalLogger } from './logger';
import { LATENESS_BUCKETS_SECONDS, WORKER_METRICS } from './workerMetrics';

/** `host`: the address the metrics endpoint listens on (HOST: loopback on a laptop, all interfaces in a container). */
export function installWorkerRuntime(logger: Logger, metricsPort: number, host: string): Runtime {
  return Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: {
        prometheus: {
          // In a container, all interfaces: Prometheus scrapes it on the internal network (the port is not published).
          bindAddress: `${host}:${metricsPort}`,
          countersTotalSuffix: true,
          useSecondsForDurations: true,
          histogramBucketOverrides: { [WORKER_METRICS.purgeLateness]: LATENESS_BUCKETS_SECONDS },
        },
      },
    },
  });
}
