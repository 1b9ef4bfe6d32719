// When a step runs. A rule that is a maximum («innen 3 år», «etter 5 år») is aimed at the
// configured time, but never later than the notice's limit less the safety margin, so an outage or
// a slow wake-up cannot carry data past the limit. Pure: the workflows compute their timers here.
import { addIsoDuration } from './duration';

/** Milliseconds in a margin of days and hours (policy/fromEnv.ts refuses months and years). */
export function marginMs(margin: string | undefined): number {
  return margin ? addIsoDuration(new Date(0), margin).getTime() : 0;
}

/**
 * `start` + `configured`, but at the latest `start` + `maximum` − `margin`. A snapshot without a
 * margin (from before margins existed, policy nitd-2026.1) keeps its old date, `start` +
 * `configured`, so a lifecycle asleep since then wakes when it always would have.
 */
export function aimedWithin(startMs: number, configured: string, maximum: string, margin: string | undefined): number {
  const start = new Date(startMs);
  const aimed = addIsoDuration(start, configured).getTime();
  return margin === undefined ? aimed : Math.min(aimed, addIsoDuration(start, maximum).getTime() - marginMs(margin));
}

/**
 * How late a step may finish after its deadline and still be on time: a timer fires at the
 * deadline and the step commits seconds later, but a worker restart or a retry can take longer.
 * Receipts judge erasures by it and the conformance scan reports anything later.
 */
export const ON_TIME_TOLERANCE_MS = 60 * 60_000;
