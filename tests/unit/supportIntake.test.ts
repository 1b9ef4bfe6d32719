import { describe, expect, it } from 'vitest';
import {
  filterIntake,
  identityNumberType,
  isBankAccount,
  isPaymentCard,
  mergeRedactions,
  REDACTION_MARKERS,
} from '../../lifecycles/supportCase/intake';
import { INTAKE_CORPUS } from './fixtures/supportIntakeCorpus';

describe('the intake filter on its corpus', () => {
  for (const entry of INTAKE_CORPUS) {
    it(`${entry.verdict}: ${entry.name}`, () => {
      const { text, redactions } = filterIntake(entry.text);
      expect(redactions).toEqual(entry.redactions);
      for (const s of entry.gone ?? []) expect(text).not.toContain(s);
      for (const s of entry.kept ?? []) expect(text).toContain(s);
      const markers = entry.redactions.reduce((n, r) => n + r.count, 0);
      expect(text.split('[fjernet: ').length - 1).toBe(markers);
    });
  }
});

describe('the checks', () => {
  it('reads identity numbers with NAV’s validator: both check digits and a real date', () => {
    expect(identityNumberType('15038512363')).toBe('national-id');
    expect(identityNumberType('55038512357')).toBe('d-number');
    expect(identityNumberType('15038512364')).toBeNull(); // second check digit wrong
    expect(identityNumberType('29029312366')).toBeNull(); // 29 Feb 1993 does not exist
  });

  it('checks bank accounts with weights 5,4,3,2,7,6,5,4,3,2', () => {
    expect(isBankAccount('12345678903')).toBe(true);
    expect(isBankAccount('12345678904')).toBe(false);
    expect(isBankAccount('00000000000')).toBe(false);
    expect(isBankAccount('1234567890')).toBe(false);
  });

  it('checks cards with Luhn, 13-19 digits, issued by a bank or network', () => {
    expect(isPaymentCard('4111111111111111')).toBe(true);
    expect(isPaymentCard('4111111111111112')).toBe(false);
    expect(isPaymentCard('7111111111111114')).toBe(false);
    expect(isPaymentCard('411111111111')).toBe(false);
  });
});

describe('filterIntake', () => {
  it('puts a marker where the value was and reports type and count only', () => {
    const out = filterIntake('kort 4111 1111 1111 1111 og passord: abc');
    expect(out.text).toBe(`kort ${REDACTION_MARKERS['payment-card']} og passord: ${REDACTION_MARKERS.password}`);
    expect(JSON.stringify(out.redactions)).not.toMatch(/4111|abc/);
  });

  it('leaves text without findings exactly as it was', () => {
    const text = 'Skriveren i 3. etasje skriver ut blanke ark siden 29.11.2026.';
    expect(filterIntake(text)).toEqual({ text, redactions: [] });
  });

  it('adds up redactions of several fields', () => {
    expect(
      mergeRedactions(
        [{ type: 'password', count: 1 }],
        [
          { type: 'national-id', count: 2 },
          { type: 'password', count: 1 },
        ],
      ),
    ).toEqual([
      { type: 'national-id', count: 2 },
      { type: 'password', count: 2 },
    ]);
  });

  // A quadratic pattern takes seconds on these; the filter answers in milliseconds.
  it('runs in linear time on hostile input', () => {
    const hostile = [
      '1 '.repeat(50_000) + 'x',
      '1-'.repeat(50_000),
      ('passord' + ' '.repeat(3)).repeat(10_000),
      'passord er '.repeat(10_000),
      '4'.repeat(100_000),
      ('pw:' + '"'.repeat(300)).repeat(300),
    ];
    for (const text of hostile) {
      const started = performance.now();
      filterIntake(text);
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
