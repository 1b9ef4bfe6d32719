// Serves the built admin console (npm run build → dist/admin-ui) at `/`, with the SPA's index.html
// for any other GET that is not an API route. Without a build the API runs alone.
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
  router.use(express.static(dir, { index: false }));
  router.get(/^\/(?!api\/|healthz|readyz|metrics).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
