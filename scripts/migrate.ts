// Runs `prisma migrate deploy` for `npm start` and the test setup.
//
// Prisma 6.19's Wasm schema engine leaves a 10 s timer pending after `migrate deploy` (not after
// `migrate status`), so the CLI lingers ~10 s after its work is done. Once it has printed its
// final success line the migrations are committed; we then give it a moment to exit on its own
// and end it otherwise. Any other outcome is reported with the CLI's output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './tools';

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;
const PRISMA = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prisma');

export interface MigrateResult {
  output: string;
  durationMs: number;
}

export function migrateDeploy(databaseUrl: string, timeoutMs = 120_000): Promise<MigrateResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(PRISMA, ['migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let succeeded = false;
    let grace: NodeJS.Timeout | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!succeeded && DONE.test(output)) {
        succeeded = true;
        grace = setTimeout(() => child.kill('SIGTERM'), 500);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => reject(new Error(`cannot run ${PRISMA}: ${err.message}`)));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(grace);
      if (succeeded) return resolve({ output, durationMs: Date.now() - started });
      reject(new Error(`prisma migrate deploy failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}
