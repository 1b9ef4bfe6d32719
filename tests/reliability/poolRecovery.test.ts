// A connection that dies inside a transaction (a database restart, a failover) must not cost the
// pool a slot for good. Prisma 6.19 sends ROLLBACK on the dead connection and, when that throws,
// never releases it; db/client.ts releases such connections itself. Here each of more transactions
// than the pool has connections loses its connection mid-way (pg_terminate_backend, what a
// restart does to every session), and the pool must still answer afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { testDatabaseUrl } from '../support/env';

const POOL = 2;
const db = createDb(testDatabaseUrl(), { poolSize: POOL });
// Another pool, for the terminations: the one under test must not do them itself.
const admin = createDb(testDatabaseUrl(), { poolSize: 1 });
afterAll(() => Promise.all([db.$disconnect(), admin.$disconnect()]));

/** A transaction whose own connection is terminated by another session half-way through. */
async function transactionLosingItsConnection(): Promise<unknown> {
  try {
    await db.$transaction(async (tx) => {
      const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      await admin.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      await tx.$queryRaw`SELECT 1`;
    });
  } catch (err) {
    return err;
  }
  throw new Error('the transaction should have failed: its connection was terminated');
}

describe('the connection pool after connections die inside transactions', () => {
  it('gives every lost connection back and answers the next query', async () => {
    for (let i = 0; i < POOL * 2; i++) expect(await transactionLosingItsConnection()).toBeInstanceOf(Error);
    // Without the release the pool has no connection left and this waits forever; the race turns
    // that hang into a failure the test can report (this bounds a hang, it times nothing).
    const hung = new Promise((resolve) => setTimeout(() => resolve('no connection came back'), 20_000).unref());
    const answer = await Promise.race([db.$queryRaw<[{ ok: number }]>`SELECT 1 AS ok`, hung]);
    expect(answer).toEqual([{ ok: 1 }]);
    // And transactions work again too.
    expect(await db.$transaction(async (tx) => tx.$queryRaw<[{ ok: number }]>`SELECT 2 AS ok`)).toEqual([{ ok: 2 }]);
  }, 60_000);
});
