// The API's /metrics: labels from route patterns only, however many paths callers invent (a token
// in a mount's path once became a label of the unauthenticated page), and the page itself closed to
// anyone without METRICS_TOKEN when one is set (production requires it).
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { routeLabeller, routePatterns } from '../../api/routePatterns';
import { ADMIN, AUDITOR, SERVICE, TOKENS, useApp } from '../support/harness';

const METRICS_TOKEN = randomBytes(24).toString('hex');
const api = useApp({ env: { METRICS_TOKEN } });
const metrics = () => request(api.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);

const routeLabels = (page: string) =>
  new Set([...page.matchAll(/^nitd_http_request_duration_seconds_count\{[^}]*route="([^"]*)"/gm)].map((m) => m[1]!));
const seriesCount = (page: string) => page.split('\n').filter((l) => l.startsWith('nitd_http_request_duration_seconds_count{')).length;

describe('API metrics', () => {
  it('labels requests with route patterns only, so random paths add no series and leak nothing', async () => {
    const random = () => randomBytes(6).toString('hex');
    const send = async (n: number) => {
      const sent: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = random();
        sent.push(r);
        await request(api.app).post(`/codec/bearer/${r}/decode`).send({ payloads: [] });
        await request(api.app).get(`/api/v1/users/${r}/lifecycle`).set(SERVICE);
        await request(api.app).get(`/api/admin/lifecycles/user-lifecycle-${r}`).set(AUDITOR);
        await request(api.app).get(`/${r}/${r}`);
        await request(api.app).post(`/api/v1/users/${r}/hold`).set(ADMIN).send({ reason: 5 });
      }
      return sent;
    };
    await metrics(); // the scrape is a request too: its own series exists before we count
    const first = await send(20);
    const before = (await metrics()).text;
    const second = await send(40);
    const after = (await metrics()).text;

    expect(seriesCount(after)).toBe(seriesCount(before));
    const patterns = new Set([...routePatterns(api.app), 'unmatched']);
    for (const label of routeLabels(after)) expect(patterns.has(label), label).toBe(true);
    expect(routeLabels(after)).toEqual(
      new Set(['/metrics', '/api/v1/users/:userId/lifecycle', '/api/admin/lifecycles/:id', '/api/v1/users/:userId/hold', 'unmatched']),
    );
    for (const r of [...first, ...second]) expect(after).not.toContain(r);
    for (const token of Object.values(TOKENS)) expect(after).not.toContain(token);
  });

  it('names the pattern of a route under a mount with a parameter, not the path it was sent to', async () => {
    const app = express();
    const seen: string[] = [];
    const routeOf = routeLabeller(app);
    app.use((req, res, next) => {
      res.once('finish', () => seen.push(routeOf(req)));
      next();
    });
    const inner = express.Router();
    inner.post('/decode', (_req, res) => void res.json({}));
    inner.get('/', (_req, res) => void res.json({}));
    app.use('/codec/bearer/:token', inner);
    app.get('/items/:id', (_req, res) => void res.json({}));
    await request(app).post('/codec/bearer/s3cr3t/decode').expect(200);
    await request(app).get('/codec/bearer/other').expect(200);
    await request(app).get('/items/42').expect(200);
    await request(app).get('/nowhere/s3cr3t').expect(404);
    expect(seen).toEqual(['/codec/bearer/:token/decode', '/codec/bearer/:token', '/items/:id', 'unmatched']);
  });

  it('is closed without METRICS_TOKEN once one is set', async () => {
    await request(api.app).get('/metrics').expect(401);
    await request(api.app).get('/metrics').set(ADMIN).expect(401);
    await metrics();
  });
});
