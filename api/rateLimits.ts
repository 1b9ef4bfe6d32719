// Request budgets (express-rate-limit), so one caller cannot starve the others or guess tokens:
//   - per token: every authenticated route, keyed by whose token it is (res.locals.rateKey);
//   - per address: the routes anyone may call (health, the OpenAPI document, the console's files,
//     the codec sign-in page, and paths that match nothing);
//   - failed authentication per address: each refused credential counts; past the budget, every
//     credential from that address is answered 429 before it is even checked, so a guesser learns
//     nothing more until the window ends. Only failures count: a busy service with many requests
//     in flight never uses this budget up.
// Counters live in the process's memory: with N API replicas a caller gets up to N budgets.
// Behind a proxy, set TRUST_PROXY, or every caller shares the proxy's address.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export interface RateLimitSettings {
  perTokenPerMinute: number;
  perAddressPerMinute: number;
  authFailuresPer15Minutes: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own way to type res.locals
  namespace Express {
    interface Locals {
      /** Whose budget an authenticated request counts against (set with the credential). */
      rateKey?: string;
    }
  }
}

const tooMany = (what: string) => (_req: Request, res: Response) => {
  res.status(429).json({ error: `too many requests: ${what}; retry after the time in the Retry-After header` });
};
const address = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
const common = { standardHeaders: 'draft-8', legacyHeaders: false } as const;

export interface AuthFailureGuard {
  /** Before a credential is checked: answers 429 and returns true when the address failed too often. */
  refuseIfBlocked(req: Request, res: Response): Promise<boolean>;
  /** After a credential was refused: counts it, then `refuse` answers (or 429, once over budget). */
  failed(req: Request, res: Response, refuse: () => void): void;
}

export interface RateLimits {
  perToken: RequestHandler;
  perAddress: RequestHandler;
  authFailures: AuthFailureGuard;
}

export function rateLimits(s: RateLimitSettings): RateLimits {
  const failures = rateLimit({
    ...common,
    identifier: 'auth-failures',
    windowMs: 15 * 60_000,
    limit: s.authFailuresPer15Minutes,
    keyGenerator: address,
    handler: tooMany(`more than ${s.authFailuresPer15Minutes} failed authentications in 15 minutes from this address`),
  });
  const blockedFor = tooMany(`more than ${s.authFailuresPer15Minutes} failed authentications in 15 minutes from this address`);
  return {
    perToken: rateLimit({
      ...common,
      windowMs: 60_000,
      limit: s.perTokenPerMinute,
      keyGenerator: (req, res) => res.locals.rateKey ?? `address:${address(req)}`,
      handler: tooMany(`more than ${s.perTokenPerMinute} a minute with this credential`),
    }),
    perAddress: rateLimit({
      ...common,
      windowMs: 60_000,
      limit: s.perAddressPerMinute,
      keyGenerator: address,
      handler: tooMany(`more than ${s.perAddressPerMinute} a minute from this address`),
    }),
    authFailures: {
      async refuseIfBlocked(req, res) {
        const hits = (await failures.getKey(address(req)))?.totalHits ?? 0;
        if (hits < s.authFailuresPer15Minutes) return false;
        blockedFor(req, res);
        return true;
      },
      failed(req, res, refuse) {
        void failures(req, res, refuse as NextFunction);
      },
    },
  };
}
