// What can go wrong when someone asks a lifecycle (or the records behind it) to do something, in
// the domain's words. The services and the lifecycle client throw these; the HTTP layer maps each
// to its status code (api/errorHandler.ts), and the cascade and the jobs act on them directly.

/** No such subject, lifecycle or record. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The action is not allowed in the subject's current phase (the workflow said so, or the data does). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** Input that is well-formed but names something that is not there (e.g. an unknown customerId). */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The lifecycle workflow is not running: it completed (purged, closed), or it never started.
 * Services answer it from the ledger or as a conflict; callers rarely see it.
 */
export class LifecycleClosedError extends Error {
  override readonly name = 'LifecycleClosedError';
}

/** Temporal did not answer (unreachable, or the namespace is unknown to it): retry later. */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}
