// Builds the admin console (admin-ui/ → dist/admin-ui) when the build is missing or older than
// its sources, so `npm start` and the browser tests always serve the current UI without a manual
// `npm run build`. `npm run build` remains the explicit way (it also type-checks the UI).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { isOlderThanSources } from './staleness';
import { PROJECT_ROOT } from './tools';

const SOURCE = path.join(PROJECT_ROOT, 'admin-ui');
const BUILT = path.join(PROJECT_ROOT, 'dist', 'admin-ui', 'index.html');
/** The server modules the console imports its records and value lists from (admin-ui/src/types.ts). */
const SHARED = ['console/records.ts', 'lifecycles/shared/contract.ts'].map((f) => path.join(PROJECT_ROOT, f));

export function adminUiIsStale(): boolean {
  return isOlderThanSources(BUILT, [SOURCE]) || SHARED.some((f) => statSync(f).mtimeMs > statSync(BUILT).mtimeMs);
}

/** Builds when stale; returns how long it took (0 when the build was current). */
export function ensureAdminUiBuilt(log: (msg: string) => void = () => {}): number {
  if (!adminUiIsStale()) return 0;
  const started = Date.now();
  log('building the admin console (admin-ui → dist/admin-ui)');
  const vite = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '-c', path.join(SOURCE, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`admin console build failed (exit ${result.status ?? result.signal})`);
  return Date.now() - started;
}

if (require.main === module) {
  const ms = ensureAdminUiBuilt(console.log);
  console.log(ms ? `built in ${(ms / 1000).toFixed(1)} s` : 'dist/admin-ui is up to date');
}
