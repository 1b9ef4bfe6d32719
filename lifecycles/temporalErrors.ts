// Turns what the Temporal client throws into the domain's errors (errors.ts), by type and gRPC
// status code, never by message text. Anything not listed passes through unchanged.
import {
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, NamespaceNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ConflictError, LifecycleClosedError, NotFoundError, UnavailableError } from './errors';
import { PHASE_CONFLICT } from './shared/contract';

export const WORKERS_SILENT =
  'the lifecycle workflow did not answer in time (no worker running, or Temporal overloaded); retry later, the request is idempotent';
export const TEMPORAL_UNAVAILABLE = 'the workflow service (Temporal) is unavailable; retry later';

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

// gRPC status codes (the SDK's grpc-js is not a dependency of ours).
const grpcStatus = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAVAILABLE: 14 } as const;

const grpcCode = (err: unknown, code: number) => causes(err).some((e) => isGrpcServiceError(e) && e.code === code);

/**
 * Calls that answer with a lifecycle's view: a refusal by the workflow is a conflict, a workflow
 * that is not running (never started, completed, or not restartable) is "closed".
 */
export function toDomainError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === PHASE_CONFLICT) {
    return new ConflictError(err.cause.message);
  }
  // Update on a completed workflow: NOT_FOUND ("workflow execution already completed"), typed by the
  // SDK as WorkflowNotFoundError; update-with-start or start of a completed one: ALREADY_EXISTS.
  if (err instanceof WorkflowNotFoundError || err instanceof WorkflowExecutionAlreadyStartedError || grpcCode(err, grpcStatus.NOT_FOUND)) {
    return new LifecycleClosedError('the lifecycle workflow is not running', { cause: err });
  }
  return toAvailabilityError(err);
}

/** For reads by workflow ID (describe, history): a workflow Temporal does not know is not found. */
export function toLookupError(err: unknown, workflowId: string): unknown {
  if (err instanceof WorkflowNotFoundError || grpcCode(err, grpcStatus.NOT_FOUND)) {
    return new NotFoundError(`Temporal has no workflow ${workflowId}`, { cause: err });
  }
  return toAvailabilityError(err);
}

/**
 * A call past its deadline usually means the server took it but no worker processed it (an
 * unreachable server fails fast with UNAVAILABLE); grpc-js reports a passed deadline as
 * DEADLINE_EXCEEDED or CANCELLED depending on timing. An unknown namespace is a deployment fault.
 */
export function toAvailabilityError(err: unknown): unknown {
  if (err instanceof UnavailableError) return err;
  if (
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    grpcCode(err, grpcStatus.DEADLINE_EXCEEDED) ||
    grpcCode(err, grpcStatus.CANCELLED)
  ) {
    return new UnavailableError(WORKERS_SILENT, { cause: err });
  }
  if (grpcCode(err, grpcStatus.UNAVAILABLE)) return new UnavailableError(TEMPORAL_UNAVAILABLE, { cause: err });
  if (causes(err).some((e) => e instanceof NamespaceNotFoundError)) {
    return new UnavailableError(`${TEMPORAL_UNAVAILABLE} (its namespace is not set up)`, { cause: err });
  }
  return err;
}
