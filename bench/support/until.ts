// The benches' one wait: poll a check until it holds, bounded, so no bench hangs for good.

export interface UntilOptions {
  limitMs: number;
  everyMs: number;
  /** A check that throws counts as "not yet" (a drill's outage), instead of ending the bench. */
  tolerateErrors?: boolean;
}

export async function pollUntil(what: string, check: () => Promise<boolean>, o: UntilOptions): Promise<void> {
  const deadline = Date.now() + o.limitMs;
  for (;;) {
    if (await (o.tolerateErrors ? check().catch(() => false) : check())) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${o.limitMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, o.everyMs));
  }
}
