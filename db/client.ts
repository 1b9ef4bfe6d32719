import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;

export interface DbOptions {
  /** Connections in the pool (pg's default, 10, unless set). */
  poolSize?: number;
}

/**
 * How long a query waits for a free connection before it fails. pg waits forever by default,
 * so a pool that lost its connections would hang every activity instead of failing it (and
 * letting Temporal retry it).
 */
const CONNECTION_WAIT_MS = 30_000;

export function createDb(databaseUrl: string, opts: DbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECTION_WAIT_MS, max: opts.poolSize });
  releaseBrokenTransactionClients(pool);
  // An idle connection that the server ends (a restart) is dropped by the pool; without a listener
  // its 'error' would crash the process, also after $disconnect, when Prisma's listener is gone.
  pool.on('error', () => {});
  // $disconnect ends the pool, as it does the pool Prisma creates itself.
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/**
 * Prisma 6.19's transaction manager sends ROLLBACK (or COMMIT) and only then releases the
 * connection; when the connection died mid-transaction (a database restart), that statement
 * throws and the connection is never given back. Each transaction in flight during an outage
 * loses one pool slot, and once all are lost every query waits for good (seen in the cluster's
 * Postgres-outage drill: both workers stalled with zero connections open). So a checked-out
 * connection that errors or ends is released here, as broken, and a later release is ignored.
 */
export function releaseBrokenTransactionClients(pool: pg.Pool): void {
  type Callback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;
  const connect = pool.connect.bind(pool) as unknown as (callback?: Callback) => Promise<pg.PoolClient> | undefined;
  // Both forms: Prisma awaits connect() for a transaction, pool.query() passes a callback.
  pool.connect = ((callback?: Callback) =>
    callback
      ? connect((err, client, done) => callback(err, client && guarded(client), done))
      : connect()!.then(guarded)) as typeof pool.connect;
}

function guarded(client: pg.PoolClient): pg.PoolClient {
  const poolRelease = client.release.bind(client);
  let released = false;
  const release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', broken);
    client.removeListener('end', ended);
    poolRelease(err);
  };
  const broken = (err: Error) => release(err);
  const ended = () => release(new Error('the connection ended while checked out'));
  client.on('error', broken);
  client.on('end', ended);
  client.release = release;
  return client;
}
