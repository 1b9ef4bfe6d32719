// Real Postgres errors, as Prisma and pg deliver them, classified by the error middleware's
// database mapping: input-caused classes are 4xx, ours to retry are 503, only the rest is 500.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyDatabaseError, sqlState } from '../../api/databaseErrors';
import { createDb } from '../../db/client';
import { testDatabaseUrl } from '../support/env';

const db = createDb(testDatabaseUrl());
afterAll(() => db.$disconnect());

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

describe('database errors', () => {
  it.each([
    [
      '22008',
      'a date Postgres cannot hold',
      () => db.lifecycleProjection.findMany({ where: { dueAt: { gte: new Date('0000-01-01') } } }),
      400,
    ],
    ['22012', 'division by zero', () => db.$queryRawUnsafe('SELECT 1/0'), 400],
    ['22021', 'a NUL in text', () => db.$queryRawUnsafe(`SELECT $1::text`, 'a\u0000b'), 400],
    ['22P02', 'malformed input', () => db.$queryRawUnsafe(`SELECT 'x'::int`), 400],
    [
      '23505',
      'a duplicate key',
      () =>
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('CREATE TEMP TABLE dup (id int PRIMARY KEY) ON COMMIT DROP');
          await tx.$executeRawUnsafe('INSERT INTO dup VALUES (1), (1)');
        }),
      409,
    ],
    ['54000', 'a value past its limit', () => db.$queryRawUnsafe(`SELECT repeat('x', 1024 * 1024 * 1024)`), 413],
    ['42P01', 'a missing table (our bug)', () => db.$queryRawUnsafe('SELECT * FROM "NoSuchTable"'), undefined],
  ] as const)('%s (%s) answers %s', async (state, _what, run, status) => {
    const err = await failure(run);
    // Some statements fail in Prisma before Postgres sees them; those keep no SQLSTATE.
    if (state !== '23505' && state !== '22021') expect(sqlState(err)).toBe(state);
    expect(classifyDatabaseError(err)?.status).toBe(status);
  });

  it('classifies errors from a plain pg client the same way', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const err = await failure(() => client.query(`SELECT '9999-12-31T23:59:59-23:59'::timestamp + interval '1000000 years'`));
      expect(sqlState(err)).toMatch(/^22/);
      expect(classifyDatabaseError(err)?.status).toBe(400);
    } finally {
      await client.end();
    }
  });

  it('answers 503 when the database cannot be reached', async () => {
    const unreachable = createDb('postgresql://nobody:x@127.0.0.1:1/none');
    const err = await failure(() => unreachable.$queryRawUnsafe('SELECT 1'));
    expect(classifyDatabaseError(err)?.status).toBe(503);
    await unreachable.$disconnect();
  });
});
