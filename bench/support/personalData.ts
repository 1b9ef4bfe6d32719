// Counts personal values still present, over every column prisma/schema.prisma marks "// personal"
// in the tables a user's purge covers, so the check follows the schema as it grows.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';

export const USER_TABLES = ['UserAccount', 'LoginFactor', 'SupportCase'];

export function personalColumns(): Record<string, string[]> {
  const schema = fs.readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  const columns: Record<string, string[]> = {};
  let model: string | undefined;
  for (const line of schema.split('\n')) {
    const start = /^model (\w+) \{/.exec(line);
    if (start) model = start[1];
    else if (/^\}/.test(line)) model = undefined;
    else if (model && /\/\/ personal/.test(line)) (columns[model] ??= []).push(line.trim().split(/\s+/)[0]!);
  }
  return columns;
}

/** Non-null personal values left in the given tables (default: those a user's purge covers). */
export async function personalDataLeft(db: Db, tables = USER_TABLES): Promise<{ total: number; byColumn: Record<string, number> }> {
  const byColumn: Record<string, number> = {};
  for (const [table, cols] of Object.entries(personalColumns()).filter(([t]) => tables.includes(t))) {
    for (const col of cols) {
      const [{ n }] = await db.$queryRawUnsafe<[{ n: bigint }]>(`SELECT count(*) AS n FROM "${table}" WHERE "${col}" IS NOT NULL`);
      byColumn[`${table}.${col}`] = Number(n);
    }
  }
  return { total: Object.values(byColumn).reduce((a, b) => a + b, 0), byColumn };
}
