// The environment of every native process, built from its compose service's: the compose
// `environment` (which wins over env files, as in compose), its env files, and only what has to
// differ on one host: addresses inside the compose network (`postgres:5432`, `temporal:7233`)
// become 127.0.0.1 and the native ports, and published ports become the native ones.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { PROJECT_ROOT } from '../tools';
import { IMAGE_PORTS, type ClusterTopology } from './topology';
import type { PortPlan } from './portPlan';

export type Env = Record<string, string>;

export interface NativeDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The app's database URL. */
  url: string;
}

export function nativeDatabase(url: string): NativeDatabase {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || IMAGE_PORTS.postgres),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    url,
  };
}

/** `from → to` for every address inside compose's network or published by it. */
export function addressRewrites(t: ClusterTopology, ports: PortPlan, db: NativeDatabase): [string, string][] {
  return [
    [`postgres:${IMAGE_PORTS.postgres}`, `${db.host}:${db.port}`],
    [`temporal:${IMAGE_PORTS.temporal}`, `127.0.0.1:${ports.temporal.frontend.grpc}`],
    [`localhost:${t.app.apiPublishedPort}`, `localhost:${ports.apis[0]}`],
    [`localhost:${t.ui.publishedPort}`, `localhost:${ports.ui}`],
  ];
}

export function rewriteAddresses(env: Env, rewrites: [string, string][]): Env {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, rewrites.reduce((value, [from, to]) => value.split(from).join(to), v)]),
  );
}

/**
 * What .env.postgres gives the Temporal services in compose (one password under the names each
 * image reads), from the native database's URL. Keys come from the committed example, so a key
 * added there and not known here stops the start instead of going missing.
 */
export function postgresEnvFile(db: NativeDatabase): Env {
  const fromUrl: Env = {
    POSTGRES_USER: db.user,
    POSTGRES_PASSWORD: db.password,
    POSTGRES_DB: new URL(db.url).pathname.slice(1),
    POSTGRES_PWD: db.password,
    SQL_USER: db.user,
    SQL_PASSWORD: db.password,
  };
  const keys = Object.keys(parseDotenv(readFileSync(path.join(PROJECT_ROOT, '.env.postgres.example'))));
  const unknown = keys.filter((k) => !(k in fromUrl));
  if (unknown.length)
    throw new Error(`.env.postgres.example has ${unknown.join(', ')}, which scripts/cluster/environments.ts cannot derive natively`);
  return Object.fromEntries(keys.map((k) => [k, fromUrl[k]!]));
}

/** A Temporal service's env files, natively: only .env.postgres is known, and derived from the URL. */
const fromFiles = (files: string[], db: NativeDatabase): Env => {
  const unknown = files.filter((f) => f !== '.env.postgres');
  if (unknown.length) throw new Error(`a Temporal service reads ${unknown.join(', ')}, which the native cluster does not know`);
  return files.length ? postgresEnvFile(db) : {};
};

/** temporal-schema: temporal-sql-tool reads SQL_* (plugin, host, port, user, password). */
export function schemaJobEnv(t: ClusterTopology, db: NativeDatabase, rewrites: [string, string][]): Env {
  const env = { ...fromFiles(t.schemaJob.envFiles, db), ...rewriteAddresses(t.schemaJob.environment, rewrites) };
  return { ...env, SQL_HOST: db.host, SQL_PORT: String(db.port) }; // compose: postgres / 5432
}

/**
 * The `temporal` service's environment for one server process. POSTGRES_PORT is added: the
 * image's config takes the visibility store's port from it (compose relies on its 5432 default).
 */
export function serverEnv(
  t: ClusterTopology,
  db: NativeDatabase,
  rewrites: [string, string][],
  o: { historyShards: number; logLevel: string },
): Env {
  const env = { ...fromFiles(t.server.envFiles, db), ...rewriteAddresses(t.server.environment, rewrites) };
  return {
    ...env,
    POSTGRES_SEEDS: db.host, // compose: postgres
    DB_PORT: String(db.port), // compose: 5432
    POSTGRES_PORT: String(db.port),
    NUM_HISTORY_SHARDS: String(o.historyShards),
    LOG_LEVEL: o.logLevel,
  };
}

export function setupJobEnv(t: ClusterTopology, rewrites: [string, string][]): Env {
  return rewriteAddresses(t.setupJob.environment, rewrites);
}

export function uiEnv(t: ClusterTopology, rewrites: [string, string][]): Env {
  return rewriteAddresses(t.ui.environment, rewrites);
}

/**
 * The app's env file: .env.production when present (compose's env_file), otherwise the committed
 * example with its <placeholders> filled by `fill` (local secrets kept with the cluster's data).
 */
export function appEnvFile(t: ClusterTopology, fill: (placeholder: string) => string): { env: Env; source: string } {
  const [file] = t.app.envFiles;
  if (!file || t.app.envFiles.length > 1)
    throw new Error(`the app services read ${t.app.envFiles.join(', ') || 'no env file'}; the native cluster expects one`);
  const real = path.join(PROJECT_ROOT, file);
  if (existsSync(real)) return { env: parseDotenv(readFileSync(real)), source: file };
  const example = parseDotenv(readFileSync(`${real}.example`));
  const env = Object.fromEntries(
    Object.entries(example).map(([k, v]) => [k, v.replace(/<([a-z0-9-]+)>/g, (_m, name: string) => fill(name))]),
  );
  return { env, source: `${file}.example with local secrets` };
}

/**
 * One app process (a worker or an API): env file, then the caller's settings, then compose's
 * `environment` (NODE_ENV, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), then the per-process natives.
 */
export function appEnv(t: ClusterTopology, envFile: Env, overrides: Env, rewrites: [string, string][], native: Env): Env {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    ...rewriteAddresses(envFile, rewrites),
    ...overrides,
    ...rewriteAddresses(t.app.environment, rewrites),
    ...native,
  };
}
