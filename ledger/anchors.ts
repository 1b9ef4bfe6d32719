// The ledgers' heads, anchored outside Postgres. A hash chain proves that no record inside it was
// changed, but deleting the newest records leaves a shorter chain that still verifies. So after
// every append commits, the writer adds a line to an append-only file (LEDGER_ANCHOR_DIR) saying
// "record <seq> of <ledger> has hash <h>", sealed with the ledger key; the verifier then requires
// every anchored record to be in the chain with that hash. The database roles cannot reach the
// file, and without the key nobody can write a line the verifier accepts. One file per host and
// database, appended with O_APPEND (single lines, atomic), so replicas sharing a volume never
// interleave. Put the directory on storage the app can append to but not rewrite (chattr +a, an
// object store with retention) for the strongest guarantee.
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir } from 'node:fs/promises';
import readline from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/client';
import type { LedgerName } from './chain';
import { seal, type LedgerKeys } from './keys';

export interface AnchorLine {
  ledger: LedgerName;
  database: string;
  seq: string;
  hash: string;
  at: string;
  keyId: string;
  mac: string;
}

export interface Anchors {
  /** The newest anchored record of each ledger (the chain itself covers everything before it). */
  heads: Record<LedgerName, { seq: bigint; hash: string } | undefined>;
  /** Lines whose seal does not verify (forged, or under a key no longer listed). */
  invalid: number;
  files: number;
}

export interface AnchorLog {
  /** Where anchors go; undefined: anchoring is off (development without a directory). */
  dir: string | undefined;
  /** After a commit: anchors the record. Harmless to repeat. */
  record(db: Db, ledger: LedgerName, seq: bigint, hash: string): Promise<void>;
  read(database: string): Promise<Anchors>;
}

const message = (a: Omit<AnchorLine, 'keyId' | 'mac'>) => `anchor:${a.database}:${a.ledger}:${a.seq}:${a.hash}:${a.at}`;
const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
const SUFFIX = '.anchors.jsonl';

// The database a Db connects to names its anchor files: tests and benches run many on one server.
const databaseNames = new WeakMap<Db, Promise<string>>();
export function databaseName(db: Db): Promise<string> {
  let name = databaseNames.get(db);
  if (!name) {
    name = db.$queryRaw<[{ name: string }]>`SELECT current_database()::text AS name`.then(([row]) => row.name);
    databaseNames.set(db, name);
  }
  return name;
}

export function createAnchorLog(dir: string | undefined, keys: LedgerKeys): AnchorLog {
  let ready: Promise<unknown> | undefined;
  return {
    dir,
    async record(db, ledger, seq, hash) {
      if (!dir) return;
      ready ??= mkdir(dir, { recursive: true, mode: 0o750 });
      await ready;
      const database = await databaseName(db);
      const line = { ledger, database, seq: seq.toString(), hash, at: new Date().toISOString() };
      const keyId = keys.current.id;
      const anchored: AnchorLine = { ...line, keyId, mac: seal(keys, keyId, message(line))! };
      await appendFile(path.join(dir, `${safe(database)}.${safe(os.hostname())}${SUFFIX}`), JSON.stringify(anchored) + '\n', {
        flag: 'a',
        mode: 0o640,
      });
    },
    async read(database) {
      const heads: Anchors['heads'] = { Evidence: undefined, AdminAction: undefined };
      let invalid = 0;
      if (!dir) return { heads, invalid, files: 0 };
      const names = (await readdir(dir).catch(() => [] as string[])).filter(
        (f) => f.startsWith(`${safe(database)}.`) && f.endsWith(SUFFIX),
      );
      for (const file of names) {
        // Line by line: the files grow by one line per record.
        for await (const text of readline.createInterface({ input: createReadStream(path.join(dir, file)), crlfDelay: Infinity })) {
          if (!text) continue;
          const a = parse(text);
          const valid =
            a && a.database === database && a.ledger in heads && /^\d+$/.test(a.seq) && seal(keys, a.keyId, message(a)) === a.mac;
          if (!valid) {
            invalid++;
            continue;
          }
          const head = heads[a.ledger];
          if (!head || BigInt(a.seq) > head.seq) heads[a.ledger] = { seq: BigInt(a.seq), hash: a.hash };
        }
      }
      return { heads, invalid, files: names.length };
    },
  };
}

function parse(text: string): AnchorLine | undefined {
  try {
    const a = JSON.parse(text) as AnchorLine;
    return typeof a.seq === 'string' && typeof a.hash === 'string' && typeof a.mac === 'string' ? a : undefined;
  } catch {
    return undefined;
  }
}
