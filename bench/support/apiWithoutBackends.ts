// The real API (createApp) in a process of its own, with a database and Temporal client that never
// connect: enough for requests refused before any backend is asked (validation, authentication),
// so a bench can measure them from outside the process whose event loop they might stall.
// Prints `listening <port>` and serves until killed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/env';
import { createDb } from '../../db/client';

const token = process.argv[2] ?? 'bench-service-token-0123456789abcdef';
const config = loadConfig({ NODE_ENV: 'test', API_TOKENS: `service:bench:${token}` }, 'api');
const db = createDb('postgresql://unused@127.0.0.1:1/unused');
const app = createApp({ db, temporal: new Client({ namespace: config.temporal.namespace }), config, logger: pino({ level: 'silent' }) });
const server = createServer(app).listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
