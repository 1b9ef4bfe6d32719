// The codec server for the Temporal Web UI (its "Codec Server" setting, or the dev server's
// --ui-codec-endpoint): the browser posts the encrypted payloads it shows, we answer with them
// decrypted, so an admin reads workflow inputs and results while Temporal stores ciphertext only.
// Contract: POST /codec/decode and /codec/encode with {"payloads":[{"metadata":{k: base64},"data":
// base64}]}, the namespace in X-Namespace; the same shape comes back. The browser calls from the
// Web UI's origin, so CORS (including the preflight for Authorization) is answered for it alone.
// Who may decode: an admin's bearer token (the CLI's --codec-auth), or the Web UI with the
// decode-only cookie an admin gets at /codec/session (session.ts). No credential ever rides in the
// URL. Encoding (which writes payloads) needs the admin token.
import cors from 'cors';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { ApiIdentity } from '../../config/apiTokens';
import { InputError } from '../../lifecycles/errors';
import { bearerToken } from '../auth';
import type { AuthFailureGuard } from '../rateLimits';
import { jsonBody } from '../jsonBody';
import { validate } from '../validate';
import { CODEC_COOKIE, readCookie, type CodecSessions } from './session';
import { SESSION_PAGE_CSP, signedInPage, signInPage } from './sessionPage';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
export const payloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000),
});

type JsonPayload = z.output<typeof payloadsBody>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data === undefined ? undefined : Buffer.from(p.data, 'base64'),
});

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export interface CodecRouterOptions {
  codec: PayloadCodec;
  namespace: string;
  /** Origins allowed to call from a browser: the Web UI's. */
  allowedOrigins: string[];
  /** Who may see decrypted payloads: admins only. */
  requireAdmin: RequestHandler;
  /** Whose token a signing-in admin posted. */
  identify: (token: string) => ApiIdentity | undefined;
  sessions: CodecSessions;
  /** The per-credential request budget (api/rateLimits.ts), after authentication. */
  budget: RequestHandler;
  /** The per-address budget of refused credentials: the sign-in form is a place to guess tokens too. */
  failures: AuthFailureGuard;
}

export function codecRouter({
  codec,
  namespace,
  allowedOrigins,
  requireAdmin,
  identify,
  sessions,
  budget,
  failures,
}: CodecRouterOptions): Router {
  const router = Router();
  // Before authentication: a browser's preflight carries no Authorization header.
  router.use(
    cors({
      origin: allowedOrigins,
      methods: ['POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
      credentials: true,
      maxAge: 600,
    }),
  );
  const sameNamespace: RequestHandler = (req, res, next) => {
    const asked = req.get('x-namespace');
    if (asked && asked !== namespace) {
      res.status(400).json({ error: `this codec serves namespace "${namespace}", not "${asked}"` });
      return;
    }
    next();
  };
  const handler =
    (direction: 'encode' | 'decode'): RequestHandler =>
    async (_req, res) => {
      const payloads = (res.locals.body as z.output<typeof payloadsBody>).payloads.map(fromJson);
      const out = await codec[direction](payloads).catch((err: Error) => {
        // Unknown key, or data that fails authentication: the request's fault, and no data in the message.
        throw new InputError('payloads', `cannot ${direction}: ${err.message}`);
      });
      res.set('Cache-Control', 'no-store');
      res.json({ payloads: out.map(toJson) });
    };
  // The header wins when present; without one, the Web UI's cookie, and only from the Web UI.
  const adminOrWebUi: RequestHandler = (req, res, next) => {
    const cookie = readCookie(req.get('cookie'), CODEC_COOKIE);
    if (req.get('authorization') || !cookie) return requireAdmin(req, res, next);
    const session = sessions.verify(cookie);
    if (!session) {
      res.status(401).json({ error: 'the codec sign-in has expired or is not valid: sign in again at /codec/session' });
      return;
    }
    if (!allowedOrigins.includes(req.get('origin') ?? '')) {
      res.status(403).json({ error: 'the codec sign-in decodes only for the Temporal Web UI (TEMPORAL_UI_ORIGINS)' });
      return;
    }
    res.locals.rateKey = `codec-ui:${session.name}`;
    next();
  };
  const payloads = [sameNamespace, ...jsonBody(), validate({ body: payloadsBody })];
  router.post('/decode', adminOrWebUi, budget, ...payloads, handler('decode'));
  router.post('/encode', requireAdmin, budget, ...payloads, handler('encode'));
  router.use('/session', sessionRouter(identify, sessions, allowedOrigins, failures));
  return router;
}

/** GET: the sign-in form; POST: the admin token in a form body, answered with the decode-only cookie. */
function sessionRouter(
  identify: (token: string) => ApiIdentity | undefined,
  sessions: CodecSessions,
  uiOrigins: string[],
  failures: AuthFailureGuard,
): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': SESSION_PAGE_CSP, 'Cache-Control': 'no-store' });
    next();
  });
  // Posted from this page only: another site's form must not sign a browser in.
  const sameOrigin: RequestHandler = (req, res, next) => {
    const origin = req.get('origin');
    if (origin && origin !== `${req.protocol}://${req.get('host')}`) {
      res.status(403).type('html').send(signInPage('Sign in from this page.'));
      return;
    }
    next();
  };
  router.get('/', (_req, res) => {
    res.type('html').send(signInPage());
  });
  router.post('/', sameOrigin, express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 2 }), async (req, res) => {
    if (await failures.refuseIfBlocked(req, res)) return;
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : bearerToken(req.get('authorization'));
    const identity = token ? identify(token) : undefined;
    if (!identity) {
      return failures.failed(req, res, () => void res.status(401).type('html').send(signInPage('That is not a valid token.')));
    }
    if (identity.role !== 'admin') {
      res.status(403).type('html').send(signInPage('Only admins may decode payloads.'));
      return;
    }
    const { cookie, expires } = sessions.issue(identity);
    res.cookie(CODEC_COOKIE, cookie, { httpOnly: true, sameSite: 'strict', path: '/codec', secure: req.secure, expires });
    res.type('html').send(signedInPage(identity.name, expires, uiOrigins));
  });
  router.post('/sign-out', sameOrigin, (req, res) => {
    res.clearCookie(CODEC_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/codec', secure: req.secure });
    res.type('html').send(signInPage('Signed out.'));
  });
  return router;
}
