// How the API serves a built console: `/` is the app, assets are cached for good, and any other
// unknown path stays a JSON 404, so whether dist/ exists never changes an API answer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { adminUi } from '../../api/adminUi';

function builtConsole(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-ui-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

function appWith(ui: express.Router | null) {
  const app = express();
  if (ui) app.use(ui);
  app.use((_req, res) => res.status(404).json({ error: 'no route' }));
  return app;
}

describe('the built console at /', () => {
  it('serves index.html at / uncached and hashed assets cached for a year', async () => {
    const app = appWith(adminUi(builtConsole()));
    const page = await request(app).get('/').expect(200);
    expect(page.text).toContain('id="root"');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000, immutable/);
    await request(app).get('/assets/missing.js').expect(404);
  });

  it('leaves every other path to the API: 404 JSON', async () => {
    const app = appWith(adminUi(builtConsole()));
    const res = await request(app).get('/nope').set('Accept', 'text/html').expect(404);
    expect(res.body).toEqual({ error: 'no route' });
  });

  it('is absent without a build', () => {
    expect(adminUi(path.join(os.tmpdir(), 'no-such-build'))).toBeNull();
  });
});
