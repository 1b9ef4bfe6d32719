// Calendar-aware ISO-8601 durations, computed in UTC so the result is the same on every worker
// and inside the deterministic workflow sandbox (no time-zone database there).
import { parse, pattern } from 'iso8601-duration';

export function isIsoDuration(value: string): boolean {
  return new RegExp(`^${pattern.source}$`).test(value) && value !== 'P' && !value.endsWith('T');
}

/** Adds an ISO-8601 duration; "P1M" from 31 January lands on the last day of February. */
export function addIsoDuration(start: Date, iso: string): Date {
  const d = parse(iso);
  const out = new Date(start.getTime());
  const months = (d.years ?? 0) * 12 + (d.months ?? 0);
  if (months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
    out.setUTCDate(Math.min(day, lastDay));
  }
  const days = (d.weeks ?? 0) * 7 + (d.days ?? 0);
  if (days) out.setUTCDate(out.getUTCDate() + days);
  const ms = ((d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)) * 1000;
  return new Date(out.getTime() + ms);
}

/** True when `a` never ends later than `b`, judged from the same start (used for the 5-year cap). */
export function durationNotLonger(a: string, b: string, from: Date): boolean {
  return addIsoDuration(from, a).getTime() <= addIsoDuration(from, b).getTime();
}

/** The length of a duration of days, hours, minutes and seconds (no months or years: they vary). */
export function durationMs(iso: string): number {
  return addIsoDuration(new Date(0), iso).getTime();
}
