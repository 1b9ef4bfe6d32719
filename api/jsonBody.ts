// JSON request bodies only. express.json() silently skips bodies of other types, which would let
// a form-encoded termination through as "no body" (terminatedAt = now): refuse those with 415.
import express, { type RequestHandler } from 'express';

export const BODY_LIMIT = '100kb';

export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
}

// "Content-Length: 0" counts as no body, so a bare `POST …/restore` needs no content type.
const hasBody = (req: express.Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is('application/json')) {
    return next(new UnsupportedMediaTypeError('unsupported content type: send application/json'));
  }
  next();
};

export function jsonBody(): RequestHandler[] {
  return [requireJsonContentType, express.json({ limit: BODY_LIMIT, strict: true })];
}
