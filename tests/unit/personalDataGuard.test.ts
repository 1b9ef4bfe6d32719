// The personal-data guard on free text: what it finds however it is spelled, what it leaves alone,
// and proof by step count (not by the clock) that its work grows linearly with the text.
import { describe, expect, it } from 'vitest';
import { findPersonalData, GUARD_MAX_LENGTH, type StepMeter } from '../../lifecycles/shared/personalDataGuard';
import { reason } from '../../lifecycles/shared/fields';
import { HOSTILE_TEXT_SHAPES } from '../../testkit/hostileText';

describe('the personal-data guard', () => {
  it.each([
    ['+47 912-34-567', 'phone'],
    ['ring meg på 912 34 567', 'digits'],
    ['ring meg på 912  34  567 (doubled spaces)', 'digits'],
    ['tlf 22\u00a033\u00a044\u00a055 (no-break spaces)', 'digits'],
    ['full-width ９１２３４５６７', 'digits'],
    ['+47 ９１２–３４–５６７ (full-width digits, en dashes)', 'phone'],
    ['912\u200b34\u200b567 (zero-width spaces)', 'digits'],
    ['ring +46 70-123 45 67', 'phone'],
    ['(+47) 912-34-567', 'phone'],
    ['kari.nordmann@example.no', 'email'],
    ['skriv til kari＠example.no (full-width @)', 'email'],
    ['kari﹫example.no (small @)', 'email'],
    ['fødselsnummer 01017012345', 'digits'],
  ])('finds %j (%s)', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
    expect(reason.safeParse(text).success).toBe(false);
  });

  it.each([
    'sluttet 2025-11-30 etter avtale',
    'dato 30.11.2025',
    'sak 1234567 lukket',
    'versjon 1.2.3 og 4.5.6',
    'kl. 10.30 - 11.45',
    'kari@localhost har sluttet',
    'registrert ved feil',
    'ansatt sluttet; se sak i HR-systemet',
  ])('leaves %j alone', (text) => {
    expect(findPersonalData(text)).toBeNull();
    expect(reason.safeParse(text).success).toBe(true);
  });

  it('refuses text past its own limit instead of scanning it', () => {
    expect(() => findPersonalData('a'.repeat(GUARD_MAX_LENGTH + 1))).toThrow(RangeError);
  });

  it('refuses an oversized reason on its length alone, before any scan', () => {
    const result = reason.safeParse('x'.repeat(95_000));
    expect(result.error?.issues.map((i) => i.message)).toEqual(['must be at most 500 characters']);
  });
});

describe('the guard is linear', () => {
  const steps = (text: string) => {
    const meter: StepMeter = { steps: 0 };
    findPersonalData(text, meter);
    return meter.steps;
  };

  it.each(Object.entries(HOSTILE_TEXT_SHAPES))('%s: ten times the text costs at most ten times the steps', (_shape, make) => {
    const small = steps(make(1_800));
    const large = steps(make(18_000));
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(small * 10 * 1.05);
    // And a small constant per character, whatever the shape.
    expect(large).toBeLessThanOrEqual(6 * 18_000);
  });
});
