// The conformance scan's Prometheus gauges on the API's /metrics: open findings per rule (alert on
// anything above zero) and when the last scan finished (alert when it is older than a day or two).
// Read from Postgres at scrape time, so any API instance answers the same whichever worker ran the
// scan. Labels are rule IDs: never a subject.
import { Gauge } from 'prom-client';
import { registry } from './apiMetrics';
import type { RuleId } from '../policy/retention';

export interface ConformanceReading {
  byRule: Record<string, number>;
  lastScan: { finishedAt: string } | null;
}

let read: (() => Promise<ConformanceReading>) | undefined;

const RULES: RuleId[] = [
  'user.deactivate-on-termination',
  'user.quarantine-purge',
  'user.erasure',
  'support.minimise',
  'crm.anonymise',
  'crm.erasure',
  'erp.cap',
  'crm.ageing',
  'erp.ageing',
  'temporal.retention',
  'backups.re-purge',
];

// Registered once, when this module loads; each reads Postgres at scrape time.
new Gauge({
  name: 'nitd_conformance_last_scan_timestamp_seconds',
  help: 'when the last conformance scan finished (Unix time; 0 before the first)',
  registers: [registry],
  async collect() {
    if (!read) return;
    const { lastScan } = await read();
    this.set(lastScan ? Date.parse(lastScan.finishedAt) / 1000 : 0);
  },
});

new Gauge({
  name: 'nitd_conformance_findings_open',
  help: 'conformance findings open after the last scan, by rule (personal data past its rule, or a subject no rule will reach)',
  labelNames: ['rule'] as const,
  registers: [registry],
  async collect() {
    if (!read) return;
    const { byRule } = await read();
    this.reset();
    // Every rule a finding can come under is reported, zero included, so an alert sees it drop to zero.
    for (const rule of new Set([...RULES, ...Object.keys(byRule)])) this.set({ rule }, byRule[rule] ?? 0);
  },
});

/** Points the gauges at this process's database (createApp calls it). */
export function readConformanceFrom(reader: () => Promise<ConformanceReading>): void {
  read = reader;
}
