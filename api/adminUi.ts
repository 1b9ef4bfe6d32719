// Serves the built admin console (npm run build → dist/admin-ui) at `/`. react-admin routes in the
// URL hash (`/#/lifecycles/...`), so `/` is the only page: any other unknown path stays a 404 JSON
// answer, whether or not the console is built. Without a build the API runs alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export const ADMIN_UI_DIR = path.resolve(__dirname, '..', 'dist', 'admin-ui');

export function adminUi(dir = ADMIN_UI_DIR): Router | null {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const router = Router();
  // Hashed asset names change with every build, so they can be cached for good; index.html never.
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(['/', '/index.html'], (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
