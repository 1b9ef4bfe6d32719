// What a database error means for the caller, by Postgres SQLSTATE class and Prisma code, so no
// input can turn into a 500: data exceptions and constraint violations are the request's fault
// (4xx); connection, resource and concurrency failures are ours to retry (503); only what is left
// (a missing table, a privilege the runtime role lacks, a bug) is a 500 worth a page.
// Errors reach us in three wrappings (Prisma 6.19 with @prisma/adapter-pg): a DriverAdapterError
// whose cause carries `code`, a PrismaClientKnownRequestError P2010 with
// meta.driverAdapterError.cause.code, or the pg error itself (raw pg clients, e.g. the ledger's).
import { Prisma } from '../generated/prisma/client';

export interface DatabaseReply {
  status: number;
  error: string;
}

const UNAVAILABLE: DatabaseReply = { status: 503, error: 'the database is unavailable; retry later' };
const CONFLICT: DatabaseReply = { status: 409, error: 'the request conflicts with stored data' };
const RETRY: DatabaseReply = { status: 503, error: 'the database could not complete the request now; retry it' };

// https://www.postgresql.org/docs/current/errcodes-appendix.html, by class (first two characters).
const BY_CLASS: Record<string, DatabaseReply> = {
  '08': UNAVAILABLE, // connection exception
  '22': { status: 400, error: 'the request holds a value the database cannot store (out of range, malformed or invalid text)' },
  '23': CONFLICT, // integrity constraint violation (unique, foreign key, check)
  '40': RETRY, // transaction rollback: serialization failure, deadlock
  '53': RETRY, // insufficient resources (disk, memory, connections)
  '54': { status: 413, error: 'the request is too large for the database (a value or statement past its limits)' },
  '57': UNAVAILABLE, // operator intervention: shutdown, query cancelled
  '58': UNAVAILABLE, // system error (I/O)
};

// Prisma's own codes for the same situations, when it classified the error before Postgres did.
const PRISMA: Record<string, DatabaseReply> = {
  P1001: UNAVAILABLE,
  P1002: UNAVAILABLE,
  P1008: UNAVAILABLE,
  P1017: UNAVAILABLE,
  P2024: UNAVAILABLE,
  P2000: BY_CLASS['22']!,
  P2006: BY_CLASS['22']!,
  P2007: BY_CLASS['22']!,
  P2020: BY_CLASS['22']!,
  P2002: { status: 409, error: 'a record with the same unique value already exists' },
  P2003: CONFLICT,
  P2011: CONFLICT,
  P2025: { status: 404, error: 'record not found' },
  P2034: RETRY,
};

// @prisma/adapter-pg names some SQLSTATEs and socket errors by kind instead of passing the code on.
const ADAPTER_KINDS: Record<string, DatabaseReply> = {
  LengthMismatch: BY_CLASS['22']!,
  ValueOutOfRange: BY_CLASS['22']!,
  UniqueConstraintViolation: PRISMA.P2002!,
  NullConstraintViolation: CONFLICT,
  ForeignKeyConstraintViolation: CONFLICT,
  TransactionWriteConflict: RETRY,
  TooManyConnections: RETRY,
  DatabaseNotReachable: UNAVAILABLE,
  ConnectionClosed: UNAVAILABLE,
  SocketTimeout: UNAVAILABLE,
  TlsConnectionError: UNAVAILABLE,
  DatabaseDoesNotExist: UNAVAILABLE,
  DatabaseAccessDenied: UNAVAILABLE,
  AuthenticationFailed: UNAVAILABLE,
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EPIPE']);

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && typeof e === 'object' && chain.length < 6; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
    const adapter = (e as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
    if (adapter) chain.push(adapter, (adapter as { cause?: unknown }).cause);
  }
  return chain.filter(Boolean);
}

/** The SQLSTATE of a Postgres error however it is wrapped, or undefined. */
export function sqlState(err: unknown): string | undefined {
  for (const e of causes(err)) {
    // Only a Postgres error's own code: Prisma's codes (P2010) have the same shape as class P0's.
    const { code, originalCode, kind, severity } = e as { code?: unknown; originalCode?: unknown; kind?: unknown; severity?: unknown };
    const fromPostgres = typeof originalCode === 'string' || kind === 'postgres' || typeof severity === 'string';
    const c = typeof originalCode === 'string' ? originalCode : code;
    if (fromPostgres && typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c;
  }
  return undefined;
}

/** How the API answers a database error; undefined when `err` is not one. */
export function classifyDatabaseError(err: unknown): DatabaseReply | undefined {
  if (err instanceof Prisma.PrismaClientInitializationError) return UNAVAILABLE;
  for (const e of causes(err)) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && PRISMA[e.code]) return PRISMA[e.code];
    const { code, kind } = e as { code?: unknown; kind?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return UNAVAILABLE;
    if (typeof kind === 'string' && ADAPTER_KINDS[kind]) return ADAPTER_KINDS[kind];
  }
  const state = sqlState(err);
  if (state === '23505') return PRISMA.P2002;
  return state ? BY_CLASS[state.slice(0, 2)] : undefined;
}
