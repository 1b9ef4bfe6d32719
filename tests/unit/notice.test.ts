// Every sentence the product cites is quoted exactly as the notice was published
// (policy/personvernerklaering.txt, a copy of it), whitespace aside; every rule cites one of them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTICE } from '../../policy/notice';
import { buildRules, DEFAULT_DURATIONS } from '../../policy/retention';

const normalised = (s: string) => s.replace(/\s+/g, ' ').trim();
const published = normalised(readFileSync(path.resolve(__dirname, '../../policy/personvernerklaering.txt'), 'utf8'));

describe('the notice, verbatim', () => {
  it('is the notice as published, down to its trailing "sl"', () => {
    expect(published.startsWith('Personvernerklæring Introduksjon')).toBe(true);
    expect(published.endsWith('1870 Ørje sl')).toBe(true);
  });

  it.each(Object.entries(NOTICE))('quotes %s word for word', (_clause, sentence) => {
    expect(published).toContain(normalised(sentence));
  });

  it('cites the sentence naming GDPR art. 17 for erasure, and a published sentence for every rule', () => {
    const rules = buildRules(DEFAULT_DURATIONS);
    expect(rules.find((r) => r.id === 'user.erasure')?.notice).toMatch(/GDPR artikkel 17/);
    for (const rule of rules) {
      expect(rule.notice, rule.id).toBe(NOTICE[rule.clause]);
      expect(published, rule.id).toContain(normalised(rule.notice));
    }
  });
});
