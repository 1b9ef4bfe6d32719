// Bearer-token authentication against the configured role:token pairs (API_TOKENS).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Role } from '../config/env';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own way to type res.locals
  namespace Express {
    interface Locals {
      /** Set by requireRole once the bearer token is known. */
      role: Role;
      /** Set by the app for every request (X-Request-Id). */
      requestId: string;
    }
  }
}

// Tokens are looked up by their SHA-256 digest, so how long a lookup takes says nothing about how
// much of a guessed token matched the real one.
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAuth(apiTokens: ReadonlyMap<string, Role>) {
  const roles = new Map([...apiTokens].map(([token, role]) => [digest(token), role]));

  /** Lets the request through when its bearer token belongs to one of the given roles. */
  function requireRole(...allowed: Role[]): RequestHandler {
    return (req, res, next) => {
      const match = /^Bearer +([^\s]+) *$/i.exec(req.get('authorization') ?? '');
      if (!match?.[1]) {
        res.set('WWW-Authenticate', 'Bearer realm="nitd-lifecycle"');
        res.status(401).json({ error: 'authentication required: send Authorization: Bearer <token>' });
        return;
      }
      const role = roles.get(digest(match[1]));
      if (!role) {
        res.set('WWW-Authenticate', 'Bearer realm="nitd-lifecycle", error="invalid_token"');
        res.status(401).json({ error: 'invalid token' });
        return;
      }
      if (!allowed.includes(role)) {
        res.status(403).json({ error: `forbidden: this route requires role ${allowed.join(' or ')}` });
        return;
      }
      res.locals.role = role;
      next();
    };
  }

  return { requireRole };
}
