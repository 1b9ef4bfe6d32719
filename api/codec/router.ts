// The codec server for the Temporal Web UI (its "Codec Server" setting, or the dev server's
// --ui-codec-endpoint): the browser posts the encrypted payloads it shows, we answer with them
// decrypted, so an admin reads workflow inputs and results while Temporal stores ciphertext only.
// Contract: POST /codec/decode and /codec/encode with {"payloads":[{"metadata":{k: base64},"data":
// base64}]}, the namespace in X-Namespace; the same shape comes back. The browser calls from the
// Web UI's origin, so CORS (including the preflight for Authorization) is answered for it alone.
import cors from 'cors';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { InputError } from '../../lifecycles/errors';
import { jsonBody } from '../jsonBody';
import { validate } from '../validate';

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
}

export function codecRouter({ codec, namespace, allowedOrigins, requireAdmin }: CodecRouterOptions): Router {
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
  const steps = [requireAdmin, sameNamespace, ...jsonBody(), validate({ body: payloadsBody })];
  const endpoints = Router();
  endpoints.post('/encode', ...steps, handler('encode'));
  endpoints.post('/decode', ...steps, handler('decode'));
  // The Web UI sends no header of ours: its codec setting is only a URL prefix. So the admin token
  // may also ride in the path (/codec/bearer/<token>/decode) and is checked exactly like the header.
  // Whoever can read the Web UI's settings can read that token: see docs/evidence.md.
  const tokenFromPath: RequestHandler<{ token: string }> = (req, _res, next) => {
    req.headers.authorization = `Bearer ${req.params.token}`;
    next();
  };
  router.use('/bearer/:token', tokenFromPath, endpoints);
  router.use(endpoints);
  return router;
}
