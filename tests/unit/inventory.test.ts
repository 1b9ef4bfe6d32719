// Every column of every table is classified, and nothing stale is: a new column fails here until
// someone decides what it is and what ends it. Personal data always has a rule that removes it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory, TABLES } from '../../policy/inventory';
import { NOTICE } from '../../policy/notice';
import { buildRules, DEFAULT_DURATIONS } from '../../policy/retention';

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Decimal', 'Json', 'Float', 'Bytes']);

/** model → its scalar and enum columns, read from the schema itself (relation fields are not columns). */
function schemaColumns(): Record<string, string[]> {
  const text = readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  const enums = new Set([...text.matchAll(/^enum (\w+)/gm)].map((m) => m[1]!));
  const models: Record<string, string[]> = {};
  for (const [, name, body] of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    models[name!] = [...body!.matchAll(/^ {2}(\w+)\s+(\w+)/gm)]
      .filter(([, , type]) => SCALARS.has(type!) || enums.has(type!))
      .map(([, field]) => field!);
  }
  return models;
}

describe('the data inventory', () => {
  const columns = schemaColumns();

  it('classifies every column of every table in the schema, and only those', () => {
    expect(Object.keys(columns).length).toBeGreaterThan(8);
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(columns).sort());
    for (const [model, fields] of Object.entries(columns)) expect(Object.keys(TABLES[model]!).sort(), model).toEqual([...fields].sort());
  });

  it('gives every personal or pseudonymous value a rule, and personal values a rule that removes them', () => {
    const rules = new Set(buildRules(DEFAULT_DURATIONS).map((r) => r.id));
    for (const e of inventory()) {
      const where = `${e.store} ${e.table} ${e.column ?? ''}`;
      expect(NOTICE[e.clause], where).toBe(e.notice);
      if (e.rule) expect(rules.has(e.rule), `${where}: ${e.rule}`).toBe(true);
      if (e.category === 'not-personal') continue;
      expect(e.rule, where).not.toBeNull();
      if (e.category === 'personal') expect(['delete', 'anonymise'], where).toContain(e.action);
    }
  });

  it('covers the stores outside the tables: Temporal, logs, backups', () => {
    const stores = new Set(inventory().map((e) => e.store));
    for (const store of ['postgres', 'temporal', 'logs', 'backups']) expect(stores).toContain(store);
  });
});
