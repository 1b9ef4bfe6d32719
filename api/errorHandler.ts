// The one error middleware: every error becomes `{ error, fields? }` with the right status.
// Bad input is always a 4xx; only our own faults and unreachable dependencies are 5xx.
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ConflictError, InputError, LifecycleClosedError, NotFoundError, UnavailableError } from '../lifecycles/errors';
import { toAvailabilityError } from '../lifecycles/temporalErrors';
import { classifyDatabaseError } from './databaseErrors';
import { BODY_LIMIT, UnsupportedMediaTypeError } from './jsonBody';
import { ValidationError, type FieldProblem } from './validate';
import { describeError } from '../observability/logSafe';

interface ErrorReply {
  status: number;
  error: string;
  fields?: FieldProblem[];
}

// body-parser's own messages can quote the body (JSON.parse errors do), so only the type is used.
const BODY_ERRORS: Record<string, ErrorReply> = {
  'entity.parse.failed': { status: 400, error: 'malformed JSON body' },
  'entity.too.large': { status: 413, error: `request body too large (limit ${BODY_LIMIT})` },
  'request.size.invalid': { status: 400, error: 'request body length does not match Content-Length' },
  'request.aborted': { status: 400, error: 'request body aborted' },
  'encoding.unsupported': { status: 415, error: 'unsupported content encoding' },
  'charset.unsupported': { status: 415, error: 'unsupported charset: send UTF-8 JSON' },
};

/** `routeOf` names the matched route's pattern for the log line (api/routePatterns.ts). */
export function errorHandler(logger: Logger, routeOf: (req: Request) => string): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const reply = classify(err);
    if (reply.status >= 500) log(logger, reply, err, routeOf(req), req, res);
    const { status, ...body } = reply;
    res.status(status).json(body);
  };
}

function classify(err: unknown): ErrorReply {
  if (err instanceof ValidationError) return { status: 400, error: err.message, fields: err.fields };
  if (err instanceof InputError) return { status: 400, error: err.message, fields: [{ field: err.field, message: err.message }] };
  if (err instanceof NotFoundError) return { status: 404, error: err.message };
  if (err instanceof ConflictError || err instanceof LifecycleClosedError) return { status: 409, error: err.message };
  if (err instanceof UnsupportedMediaTypeError) return { status: err.status, error: err.message };
  // Temporal errors that no lifecycle client translated (visibility lists, schedules).
  const unavailable = toAvailabilityError(err);
  if (unavailable instanceof UnavailableError) return { status: 503, error: unavailable.message };
  const bodyError = BODY_ERRORS[String((err as { type?: unknown })?.type)];
  if (bodyError) return bodyError;
  const database = classifyDatabaseError(err);
  if (database) return database;
  // Framework errors about the request (e.g. an undecodable %-escape in the path) carry a 4xx status.
  const { status, expose, message } = (err ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, error: expose !== false && typeof message === 'string' ? message : (STATUS_CODES[status] ?? 'bad request') };
  }
  return { status: 500, error: 'internal error' };
}

// IDs only: request bodies and most error messages can hold personal data (see logSafe.ts).
function log(logger: Logger, reply: ErrorReply, err: unknown, route: string, req: Request, res: Response): void {
  const fields = {
    requestId: res.locals.requestId,
    method: req.method,
    route,
    params: res.locals.params,
    status: reply.status,
    // Not `err`: pino would run its own serializer over it and log the full message again.
    error: describeError(err),
  };
  if (reply.status === 500) logger.error(fields, 'request failed');
  else logger.warn(fields, reply.error);
}
