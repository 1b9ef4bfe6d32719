// The one error middleware: every error becomes `{ error, fields? }` with the right status.
// Bad input is always a 4xx; only our own faults and unreachable dependencies are 5xx.
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { Prisma } from '../generated/prisma/client';
import { ConflictError, InputError, LifecycleClosedError, NotFoundError, UnavailableError } from '../lifecycles/errors';
import { toAvailabilityError } from '../lifecycles/temporalErrors';
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

const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const reply = classify(err);
    if (reply.status >= 500) log(logger, reply, err, req, res);
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
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === 'P2025') return { status: 404, error: 'record not found' };
    if (err.code === 'P2002') return { status: 409, error: 'a record with the same unique value already exists' };
  }
  if (databaseUnavailable(err)) return { status: 503, error: 'the database is unavailable; retry later' };
  if (textPostgresCannotStore(err))
    return { status: 400, error: 'the request holds text the database cannot store (a NUL or invalid UTF-8 character)' };
  // Framework errors about the request (e.g. an undecodable %-escape in the path) carry a 4xx status.
  const { status, expose, message } = (err ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, error: expose !== false && typeof message === 'string' ? message : (STATUS_CODES[status] ?? 'bad request') };
  }
  return { status: 500, error: 'internal error' };
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

// 22021: invalid byte sequence (a NUL in text), 22P05: untranslatable character. Only input can
// carry these; a route whose schema lets such text through (a search filter, a path ID) must answer
// 400, not 500. The shared schemas refuse control characters up front (lifecycles/shared/fields.ts).
const POSTGRES_INVALID_TEXT = new Set(['22021', '22P05']);

function textPostgresCannotStore(err: unknown): boolean {
  return causes(err).some((e) => POSTGRES_INVALID_TEXT.has(String((e as { code?: unknown })?.code)));
}

function databaseUnavailable(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return (
      (e instanceof Prisma.PrismaClientKnownRequestError && PRISMA_UNAVAILABLE.has(e.code)) ||
      (typeof code === 'string' && NETWORK_CODES.has(code))
    );
  });
}

// IDs only: request bodies and most error messages can hold personal data (see logSafe.ts).
function log(logger: Logger, reply: ErrorReply, err: unknown, req: Request, res: Response): void {
  const fields = {
    requestId: res.locals.requestId,
    method: req.method,
    route: req.route ? `${req.baseUrl}${req.route.path}` : req.baseUrl,
    params: res.locals.params,
    status: reply.status,
    // Not `err`: pino would run its own serializer over it and log the full message again.
    error: describeError(err),
  };
  if (reply.status === 500) logger.error(fields, 'request failed');
  else logger.warn(fields, reply.error);
}
