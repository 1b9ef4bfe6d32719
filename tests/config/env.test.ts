// The configuration module: every setting validated at start, the README's table complete, and a
// bad setting stopping the real processes with a message that names it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, REQUIRED_IN_PRODUCTION, SETTING_NAMES, settingsSchema } from '../../config/env';

const ROOT = path.resolve(__dirname, '../..');
const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://nitd:x@db:5432/nitd',
  TEMPORAL_ADDRESS: 'temporal:7233',
  TEMPORAL_NAMESPACE: 'default',
  DATA_STORES: 'postgres:eu-north-1,temporal:eu-north-1',
  API_TOKENS: 'service:s3cr3t-service',
  PAYLOAD_KEYS: 'prod-1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
  ERASURE_JOURNAL_DIR: '/var/lib/nitd/erasure-journal',
};

describe('loadConfig', () => {
  it('accepts a complete production configuration', () => {
    const config = loadConfig(PROD, 'api');
    expect(config.residency.stores.map((s) => `${s.name}:${s.country}`)).toEqual(['postgres:SE', 'temporal:SE']);
    expect(config.shutdownGraceMs).toBe(30_000);
    expect(config.metricsPort).toBe(9464);
  });

  it.each(REQUIRED_IN_PRODUCTION.api.filter((n) => n !== 'NODE_ENV'))('names %s when production lacks it', (name) => {
    const env: Record<string, string | undefined> = { ...PROD, [name]: undefined };
    expect(() => loadConfig(env, 'api')).toThrow(new RegExp(`${name} required when NODE_ENV=production`));
  });

  it('does not ask the worker for API tokens', () => {
    expect(() => loadConfig({ ...PROD, API_TOKENS: undefined }, 'worker')).not.toThrow();
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['METRICS_PORT', '70000', /METRICS_PORT/],
    ['SHUTDOWN_GRACE_SECONDS', '-1', /SHUTDOWN_GRACE_SECONDS/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['RETENTION_USER_QUARANTINE', '30 days', /RETENTION_USER_QUARANTINE/],
    ['API_TOKENS', 'root:abc', /API_TOKENS/],
    ['PAYLOAD_KEYS', 'k1:c2hvcnQ=', /PAYLOAD_KEYS: key "k1" must be exactly 32 bytes/],
    ['PAYLOAD_KEYS', 'dev-2026-1:ZGV2LW9ubHktcGF5bG9hZC1rZXktbm90LWZvci1wcm8=', /PAYLOAD_KEYS: the public development key/],
  ])('refuses an invalid %s and names it', (name, value, message) => {
    expect(() => loadConfig({ ...PROD, [name]: value }, 'api')).toThrow(message);
  });
});

describe('the README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]*) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));

  it('has a row for every setting, with the default the code uses', () => {
    for (const name of SETTING_NAMES) {
      expect(rows.has(name), `README.md lacks a row for ${name}`).toBe(true);
      const fallback = settingsSchema.shape[name].safeParse(undefined);
      const expected = fallback.success && fallback.data !== undefined ? String(fallback.data) : undefined;
      if (expected !== undefined) expect(rows.get(name), `default of ${name}`).toBe(expected === '' ? '(none)' : `\`${expected}\``);
    }
  });
});

describe('a process with a bad setting', () => {
  it.each(['worker/main.ts', 'api/server.ts'])('%s stops at once with a message naming the setting', (entry) => {
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...PROD, DATA_STORES: 'postgres:us-east-1,temporal:eu-north-1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATA_STORES: "postgres:us-east-1" is in US, outside the EU\/EEA/);
  });
});
