// Bearer-token authentication against the configured role:name:token entries (API_TOKENS).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiIdentity, Role } from '../config/env';
import type { AuthFailureGuard } from './rateLimits';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own way to type res.locals
  namespace Express {
    interface Locals {
      /** Set by requireRole once the bearer token is known. */
      role: Role;
      /** Whose token it is (set with `role`): admin actions record it. */
      identity: ApiIdentity;
      /** Set by the app for every request (X-Request-Id). */
      requestId: string;
    }
  }
}

// Tokens are looked up by their SHA-256 digest, so how long a lookup takes says nothing about how
// much of a guessed token matched the real one.
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** The bearer token of a request, or undefined when it sent none (or a malformed header). */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer +([^\s]+) *$/i.exec(authorization ?? '')?.[1];
}

/** Lets every credential through to its check; for apps without failure budgets. */
export const NO_FAILURE_BUDGET: AuthFailureGuard = {
  refuseIfBlocked: async () => false,
  failed: (_req, _res, refuse) => refuse(),
};

/** `failures`: the per-address budget of refused credentials (api/rateLimits.ts). */
export function createAuth(apiTokens: ReadonlyMap<string, ApiIdentity>, failures: AuthFailureGuard = NO_FAILURE_BUDGET) {
  const identities = new Map([...apiTokens].map(([token, identity]) => [digest(token), identity]));

  /** Whose token this is, or undefined for an unknown one. */
  const identify = (token: string): ApiIdentity | undefined => identities.get(digest(token));

  /** Lets the request through when its bearer token belongs to one of the given roles. */
  function requireRole(...allowed: Role[]): RequestHandler {
    return async (req, res, next) => {
      if (await failures.refuseIfBlocked(req, res)) return;
      const token = bearerToken(req.get('authorization'));
      if (!token) {
        res.set('WWW-Authenticate', 'Bearer realm="nitd-lifecycle"');
        res.status(401).json({ error: 'authentication required: send Authorization: Bearer <token>' });
        return;
      }
      const identity = identify(token);
      if (!identity) {
        return failures.failed(req, res, () => {
          res.set('WWW-Authenticate', 'Bearer realm="nitd-lifecycle", error="invalid_token"');
          res.status(401).json({ error: 'invalid token' });
        });
      }
      if (!allowed.includes(identity.role)) {
        res.status(403).json({ error: `forbidden: this route requires role ${allowed.join(' or ')}` });
        return;
      }
      res.locals.role = identity.role;
      res.locals.identity = identity;
      res.locals.rateKey = `token:${identity.id}`;
      next();
    };
  }

  return { requireRole, identify };
}
