// Domain errors the services throw; the error middleware maps each to its HTTP status.
export class NotFoundError extends Error {
  readonly status = 404;
}

/** The action is not allowed in the subject's current phase. */
export class ConflictError extends Error {
  readonly status = 409;
}

/** Input that passed the schema but not the data (e.g. a customerId that does not exist). */
export class InputError extends Error {
  readonly status = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class ServiceUnavailableError extends Error {
  readonly status = 503;
}
