// One JSON logger (pino) for API and worker. Log lines may carry opaque IDs (userId, workflowId,
// evidenceId) and never personal data: logs outlive the 30-day quarantine. The redact paths are a
// safety net for fields that must never appear even if a caller logs an object carelessly.
import pino, { type Logger } from 'pino';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { describeError } from './logSafe';

export function createLogger(level: string, service: 'api' | 'worker' | 'bench', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.email', '*.phone', '*.firstName', '*.lastName', '*.username', '*.name', '*.address', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's Logger over pino, for Runtime.install. Workflow `log` calls arrive here
 * through the SDK's sink with workflowId, runId and workflowType as metadata, and activity
 * `log` calls with activityId, activityType and workflowId: every line names its execution.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    // Core's forwarded logs carry a bigint timestamp in nanoseconds; pino has its own.
    const { [Symbol.for('log_timestamp')]: _ts, ...rest } = (meta ?? {}) as Record<string | symbol, unknown>;
    // A failed activity's error may be a Prisma error quoting the call's arguments (names, e-mail).
    if (rest.error instanceof Error) rest.error = describeError(rest.error);
    if (rest.failure instanceof Error) rest.failure = describeError(rest.failure);
    logger[LEVELS[level]](rest, message);
  };
  return {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  };
}
