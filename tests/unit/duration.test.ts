// addIsoDuration is what every retention deadline is computed with, in UTC, inside the workflow
// sandbox. Each expectation is a literal instant worked out by hand (and checked with Python's
// datetime), never computed with the function under test.
import { describe, expect, it } from 'vitest';
import { addIsoDuration } from '../../policy/duration';

const add = (startIso: string, duration: string) => addIsoDuration(new Date(startIso), duration).toISOString();

/** Oslo's wall clock for an instant, "YYYY-MM-DD hh:mm", from the runtime's time-zone data. */
const oslo = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

describe('addIsoDuration: calendar years and months', () => {
  it('lands a year after a leap day on 28 February, the last day that month has', () => {
    expect(add('2024-02-29T10:00:00.000Z', 'P1Y')).toBe('2025-02-28T10:00:00.000Z');
  });

  it('keeps 29 February four years after a leap day', () => {
    expect(add('2024-02-29T10:00:00.000Z', 'P4Y')).toBe('2028-02-29T10:00:00.000Z');
  });

  it('takes 31 January plus a month to the end of February, in a leap year and not', () => {
    expect(add('2024-01-31T17:00:00.000Z', 'P1M')).toBe('2024-02-29T17:00:00.000Z');
    expect(add('2025-01-31T17:00:00.000Z', 'P1M')).toBe('2025-02-28T17:00:00.000Z');
  });

  it('does not carry a shortened month into the next one (31 Jan + P2M is 31 March)', () => {
    expect(add('2025-01-31T17:00:00.000Z', 'P2M')).toBe('2025-03-31T17:00:00.000Z');
  });

  it("counts the notice's 3 and 5 years in calendar years", () => {
    expect(add('2025-03-31T12:00:00.000Z', 'P3Y')).toBe('2028-03-31T12:00:00.000Z');
    expect(add('2025-03-31T12:00:00.000Z', 'P5Y')).toBe('2030-03-31T12:00:00.000Z');
  });

  it('adds the months first, then the days, then the time', () => {
    // 2025-01-31 + P1M = 2025-02-28; + 1 day = 2025-03-01; + 2 h 30 min.
    expect(add('2025-01-31T22:00:00.000Z', 'P1M1DT2H30M')).toBe('2025-03-02T00:30:00.000Z');
  });
});

describe('addIsoDuration: days and the 30-day quarantine', () => {
  it('runs 30 days across the end of a short February', () => {
    expect(add('2026-01-31T17:00:00.000Z', 'P30D')).toBe('2026-03-02T17:00:00.000Z');
  });

  it('treats a week as seven days and keeps milliseconds', () => {
    expect(add('2026-05-04T08:15:30.250Z', 'P2W')).toBe('2026-05-18T08:15:30.250Z');
  });

  it("adds seconds-long durations (the demo's quarantine) exactly", () => {
    expect(add('2026-05-04T08:15:30.250Z', 'PT10S')).toBe('2026-05-04T08:15:40.250Z');
  });
});

// The function is UTC on purpose (no time-zone database in the sandbox): a day is always 24 hours,
// so across Oslo's clock changes a deadline keeps its UTC time and moves an hour on Oslo's clock.
describe('addIsoDuration across Europe/Oslo daylight-saving changes (2026-03-29 and 2026-10-25)', () => {
  it('spring forward: Oslo midnight plus a day is 01:00 the day after', () => {
    expect(oslo('2026-03-28T23:00:00.000Z')).toBe('2026-03-29 00:00');
    expect(add('2026-03-28T23:00:00.000Z', 'P1D')).toBe('2026-03-29T23:00:00.000Z');
    expect(oslo('2026-03-29T23:00:00.000Z')).toBe('2026-03-30 01:00');
  });

  it('spring forward: a day and 24 hours are the same in UTC', () => {
    expect(add('2026-03-28T23:00:00.000Z', 'PT24H')).toBe(add('2026-03-28T23:00:00.000Z', 'P1D'));
  });

  it('spring forward: a 30-day quarantine from Oslo midnight on 2 March ends 01:00 on 1 April', () => {
    expect(oslo('2026-03-01T23:00:00.000Z')).toBe('2026-03-02 00:00');
    expect(add('2026-03-01T23:00:00.000Z', 'P30D')).toBe('2026-03-31T23:00:00.000Z');
    expect(oslo('2026-03-31T23:00:00.000Z')).toBe('2026-04-01 01:00');
  });

  it("spring forward: one hour from 01:30 Oslo time reads 03:30 on Oslo's clock", () => {
    expect(add('2026-03-29T00:30:00.000Z', 'PT1H')).toBe('2026-03-29T01:30:00.000Z');
    expect([oslo('2026-03-29T00:30:00.000Z'), oslo('2026-03-29T01:30:00.000Z')]).toEqual(['2026-03-29 01:30', '2026-03-29 03:30']);
  });

  it('fall back: Oslo midnight plus a day is 23:00 the same Oslo day', () => {
    expect(oslo('2026-10-24T22:00:00.000Z')).toBe('2026-10-25 00:00');
    expect(add('2026-10-24T22:00:00.000Z', 'P1D')).toBe('2026-10-25T22:00:00.000Z');
    expect(oslo('2026-10-25T22:00:00.000Z')).toBe('2026-10-25 23:00');
  });

  it('fall back: a 30-day quarantine from Oslo midnight on 1 October ends 23:00 on 30 October', () => {
    expect(oslo('2026-09-30T22:00:00.000Z')).toBe('2026-10-01 00:00');
    expect(add('2026-09-30T22:00:00.000Z', 'P30D')).toBe('2026-10-30T22:00:00.000Z');
    expect(oslo('2026-10-30T22:00:00.000Z')).toBe('2026-10-30 23:00');
  });

  it('fall back: one real hour from 02:30 CEST is 02:30 CET, the repeated hour', () => {
    expect(add('2026-10-25T00:30:00.000Z', 'PT1H')).toBe('2026-10-25T01:30:00.000Z');
    expect([oslo('2026-10-25T00:30:00.000Z'), oslo('2026-10-25T01:30:00.000Z')]).toEqual(['2026-10-25 02:30', '2026-10-25 02:30']);
  });
});
