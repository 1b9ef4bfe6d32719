// Dates, times and durations as people read them: Europe/Oslo whatever the browser's zone, the
// locale's own formats (nb-NO or en-GB), the zone named, seconds where an auditor needs them, and
// durations in words ("30 dager", "3 år"), never ISO codes.
import { TZDate } from '@date-fns/tz';
import { formatDistanceStrict, formatDuration, getISOWeek, type Duration } from 'date-fns';
import { enGB, nb } from 'date-fns/locale';
import { parse } from 'iso8601-duration';
import { useLocaleState } from 'react-admin';

export const ZONE = 'Europe/Oslo';
const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'nb-NO');
const dfns = (locale: string) => (locale === 'en' ? enGB : nb);

export function makeFormat(locale: string) {
  const dateTimeFmt = new Intl.DateTimeFormat(tag(locale), {
    timeZone: ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  const dateFmt = new Intl.DateTimeFormat(tag(locale), { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });
  const dayMonthFmt = new Intl.DateTimeFormat(tag(locale), { timeZone: ZONE, day: 'numeric', month: 'numeric' });
  const words = (d: Duration) => formatDuration(d, { locale: dfns(locale), delimiter: ' ' });
  return {
    /** "29. nov. 2026, 21:42:46 CET": one format for every moment on a page. */
    dateTime: (iso: string | null | undefined) => (iso ? dateTimeFmt.format(new Date(iso)) : '—'),
    /** "29. nov. 2026": a day, for lists and deadlines far ahead. */
    date: (iso: string | null | undefined) => (iso ? dateFmt.format(new Date(iso)) : '—'),
    dayMonth: (iso: string) => dayMonthFmt.format(new Date(iso)),
    /** ISO-8601 → "30 dager", "3 år", "20 sekunder"; PT0S → null (at once). */
    isoDuration(iso: string | null | undefined): string | null {
      if (!iso) return null;
      try {
        const text = words(parse(iso));
        return text || null;
      } catch {
        return iso;
      }
    },
    /** Seconds → "30 dager 4 timer". */
    seconds(total: number): string {
      const s = Math.max(0, Math.round(total));
      const d: Duration = { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60) };
      if (s < 3600) d.seconds = s % 60;
      return words(d) || words({ seconds: 0 });
    },
    /** "om 30 dager", "for 3 timer siden". */
    relative: (iso: string | null | undefined, now = Date.now()) =>
      iso ? formatDistanceStrict(new Date(iso), new Date(now), { addSuffix: true, locale: dfns(locale) }) : '',
    /** The ISO week number of an instant, in Oslo. */
    isoWeek: (iso: string) => getISOWeek(new TZDate(new Date(iso).getTime(), ZONE)),
    /** The zone as this locale names it at that moment ("CET", "CEST"). */
    zoneName: (iso = new Date().toISOString()) =>
      dateTimeFmt.formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? ZONE,
  };
}

export type Format = ReturnType<typeof makeFormat>;

export function useFormat(): Format {
  const [locale] = useLocaleState();
  return makeFormat(locale);
}
