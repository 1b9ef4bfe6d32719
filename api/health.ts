// Liveness and readiness, public so orchestrators can probe without a token. Readiness asks both
// dependencies, because the API can do nothing useful without either.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';

export const READINESS_TIMEOUT_MS = 2000;

type Check = () => Promise<unknown>;

export function healthRouter({ db, temporal, namespace }: { db: Db; temporal: Client; namespace: string }): Router {
  const router = Router();
  const checks: Record<string, Check> = {
    database: () => db.$queryRaw`SELECT 1`,
    // describeNamespace rather than a bare ping: a wrong TEMPORAL_NAMESPACE is not ready either.
    temporal: () =>
      temporal.connection.withDeadline(Date.now() + READINESS_TIMEOUT_MS, () => temporal.workflowService.describeNamespace({ namespace })),
  };

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => withTimeout(Promise.resolve().then(checks[name]), READINESS_TIMEOUT_MS)));
    const failed = names.filter((_, i) => !results[i]);
    const status = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failed']));
    if (failed.length === 0) {
      res.json({ status: 'ready', checks: status });
    } else {
      res
        .status(503)
        .json({ error: `not ready: ${failed.join(' and ')} unavailable or slower than ${READINESS_TIMEOUT_MS} ms`, checks: status });
    }
  });

  return router;
}

/** Resolves to whether the call succeeded in time; a hung connection must not hang the probe. */
async function withTimeout(call: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      call.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
