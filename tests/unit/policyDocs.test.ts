// docs/policy.md is where an auditor goes from the notice to the proof: it must name every rule
// and every conformance check the code has, so neither can be added without saying where it stands.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CHECKS } from '../../jobs/conformance/checks';
import { STORES, TABLES } from '../../policy/inventory';
import { buildRules, DEFAULT_DURATIONS } from '../../policy/retention';

const ROOT = path.resolve(__dirname, '../..');
const doc = readFileSync(path.join(ROOT, 'docs/policy.md'), 'utf8');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('docs/policy.md', () => {
  it('names every retention rule', () => {
    for (const rule of buildRules(DEFAULT_DURATIONS)) expect(doc, rule.id).toContain(`\`${rule.id}\``);
  });

  it('lists every conformance check and the finding codes of the lifecycle check', () => {
    for (const check of CONFORMANCE_CHECKS.filter((c) => c.code !== 'lifecycle.presence'))
      expect(doc, check.code).toContain(`\`${check.code}\``);
    for (const code of ['lifecycle.missing', 'lifecycle.closed-early', 'lifecycle.completed-data-back', 'lifecycle.termination-missed'])
      expect(doc, code).toContain(`\`${code}\``);
  });

  it("states the inventory's counts as they are", () => {
    const columns = Object.values(TABLES).flatMap((t) => Object.values(t));
    const count = (category: string) => columns.filter((c) => c.category === category).length;
    const stated =
      `it holds ${columns.length} columns in ${Object.keys(TABLES).length} tables: ${count('personal')} personal, ` +
      `${count('pseudonymous')} pseudonymous (opaque IDs kept as proof or as links), ${count('not-personal')} not personal; ` +
      `plus ${STORES.length} other stores`;
    expect(norm(doc)).toContain(stated);
  });

  it('quotes the notice verbatim wherever the docs quote it «…» (an ellipsis marks a cut)', () => {
    const notice = norm(readFileSync(path.join(ROOT, 'policy/personvernerklaering.txt'), 'utf8'));
    const files = [
      'README.md',
      ...readdirSync(path.join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    let quotes = 0;
    for (const f of files)
      for (const [, quote] of readFileSync(path.join(ROOT, f), 'utf8').matchAll(/«([^»]+)»/g)) {
        quotes++;
        for (const part of norm(quote!)
          .split('…')
          .map((p) => p.trim())
          .filter(Boolean))
          expect(notice, `${f}: «${part}»`).toContain(part);
      }
    expect(quotes).toBeGreaterThan(10);
  });
});
