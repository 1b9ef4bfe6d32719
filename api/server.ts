// Entry point of the API process: configuration, connections, listening, and a clean shutdown so
// a deploy never cuts a termination off between the database and Temporal.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/client';
import { refuseLedgerRewriters } from '../ledger/privileges';
import { createLogger } from '../observability/logger';
import { createTemporalClient } from '../temporal/client';
import { createApp } from './app';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env, 'api');
  const logger = createLogger(config.logLevel, 'api');
  if (config.apiTokens.size === 0) {
    if (config.nodeEnv === 'production') {
      console.error(
        'API_TOKENS is not set: refusing to start in production without API tokens (e.g. API_TOKENS=service:<token>,admin:<token>).',
      );
      process.exit(1);
    }
    logger.warn('API_TOKENS is not set: every /api/v1 route will answer 401');
  }

  const db = createDb(requireDatabaseUrl(config));
  // The API appends admin actions: as a role that could also rewrite them, it must not serve in production.
  await refuseLedgerRewriters(db, config.nodeEnv === 'production', (m) => logger.warn(m));
  const temporal = await createTemporalClient(config);
  const server = createServer(createApp({ db, temporal, config, logger }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info(
    { port, host: config.host },
    `NITD lifecycle API listening on http://${config.host}:${port} (OpenAPI: http://localhost:${port}/api/v1/openapi.json)`,
  );

  let stopping = false;
  // While draining, every response closes its connection: a caller that keeps a connection alive
  // and keeps sending on it (as every HTTP client pool does) would otherwise hold the API open
  // until the grace period cuts it off; closed, its next call goes to another replica.
  const inFlight = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse) => !res.headersSent && res.setHeader('connection', 'close');
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (stopping) return void closeAfter(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for requests to finish');
      process.exit(1);
    }
    stopping = true;
    inFlight.forEach(closeAfter);
    logger.info({ signal }, 'shutting down');
    // Finish in-flight requests first; idle keep-alive sockets would otherwise hold close() open.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A request still open after the grace period (e.g. waiting on a stuck worker) is cut off,
    // so the orchestrator's own kill never arrives first.
    const grace = setTimeout(() => {
      logger.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closing the remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs);
    await closed;
    clearTimeout(grace);
    await temporal.connection.close();
    await db.$disconnect();
    logger.info('API stopped: requests finished, connections closed');
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) =>
    stop(signal).catch((err) => {
      console.error(err);
      process.exit(1);
    });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
