// Installs the Temporal runtime for the worker process: pino JSON logs for the SDK, Core and
// workflow/activity `log` calls, and a Prometheus endpoint for the SDK's runtime metrics plus the
// app's own (observability/workerMetrics.ts). Must run before any connection or worker exists.
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { temporalLogger } from './logger';
import { LATENESS_BUCKETS_SECONDS, WORKER_METRICS } from './workerMetrics';

export function installWorkerRuntime(logger: Logger, metricsPort: number): Runtime {
  return Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: {
        prometheus: {
          // All interfaces: Prometheus scrapes the container from outside; the port is not published.
          bindAddress: `0.0.0.0:${metricsPort}`,
          countersTotalSuffix: true,
          useSecondsForDurations: true,
          histogramBucketOverrides: { [WORKER_METRICS.purgeLateness]: LATENESS_BUCKETS_SECONDS },
        },
      },
    },
  });
}
