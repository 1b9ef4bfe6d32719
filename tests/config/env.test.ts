// The configuration module: every setting validated at start, the README's table complete, and a
// bad setting stopping the real processes with a message that names it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseDotenv } from 'dotenv';
import { PUBLIC_TOKENS } from '../../config/apiTokens';
import { loadConfig, REQUIRED_IN_PRODUCTION, SETTING_NAMES, settingsSchema } from '../../config/env';
import { DEV_LEDGER_KEYS } from '../../ledger/keys';
import { DEV_PAYLOAD_KEYS } from '../../temporal/payloadKeys';

const ROOT = path.resolve(__dirname, '../..');
const RANDOM = 'c4f1e0a9b7d2c3e8f5a6b1d0e9c7f2a3';
const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://nitd:x@db:5432/nitd',
  TEMPORAL_ADDRESS: 'temporal:7233',
  TEMPORAL_NAMESPACE: 'default',
  DATA_STORES: 'postgres:eu-north-1,temporal:eu-north-1',
  API_TOKENS: `service:crm-sync:${RANDOM}`,
  PAYLOAD_KEYS: 'prod-1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
  ERASURE_JOURNAL_DIR: '/var/lib/nitd/erasure-journal',
  METRICS_TOKEN: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  LEDGER_KEYS: 'ledger-1:CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg=',
  LEDGER_ANCHOR_DIR: '/var/lib/nitd/ledger-anchors',
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
    ['API_TOKENS', `root:kari:${RANDOM}`, /API_TOKENS: entry 1: "root" is not a role/],
    ['PAYLOAD_KEYS', 'k1:c2hvcnQ=', /PAYLOAD_KEYS: key "k1" must be exactly 32 bytes/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN: the token: tokens must be at least 32 characters/],
    ['METRICS_TOKEN', RANDOM, /METRICS_TOKEN: the token is also in API_TOKENS/],
    [
      'PAYLOAD_KEYS',
      'dev-2026-1:ZGV2LW9ubHktcGF5bG9hZC1rZXktbm90LWZvci1wcm8=',
      /PAYLOAD_KEYS: key "dev-2026-1" is the public development key/,
    ],
  ])('refuses an invalid %s and names it', (name, value, message) => {
    expect(() => loadConfig({ ...PROD, [name]: value }, 'api')).toThrow(message);
  });
});

describe('API_TOKENS', () => {
  const tokens = (API_TOKENS: string, NODE_ENV = 'production') => loadConfig({ ...PROD, NODE_ENV, API_TOKENS }, 'api').apiTokens;
  const other = 'e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4';

  it('reads role:name:token entries: each token belongs to a named person or system', () => {
    expect([...tokens(`admin:kari.n:${RANDOM},auditor:revisor-1:${other}`)]).toEqual([
      [RANDOM, { id: 'admin:kari.n', role: 'admin', name: 'kari.n' }],
      [other, { id: 'auditor:revisor-1', role: 'auditor', name: 'revisor-1' }],
    ]);
  });

  it.each([
    ['the development tokens', 'admin:dev-admin:dev-admin-token', /public development token/],
    ['an example placeholder', 'admin:<admin-name>:<admin-token>', /fill in the example's <placeholders>/],
    ['a one-character token', 'admin:kari:x', /at least 32 characters/],
    ['a 31-character token', `admin:kari:${RANDOM.slice(1)}`, /at least 32 characters/],
    ['a long but repetitive token', `admin:kari:${'ab'.repeat(20)}`, /too few characters/],
    ['an entry with a colon in its token', `admin:abc:long:${RANDOM}`, /expected role:name:token, found 4 parts/],
    ['admin:abc:long (no longer read as token abc)', 'admin:abc:long', /at least 32 characters/],
    ['an unnamed token', `admin:${RANDOM}`, /name the person or system/],
    ['a token listed for two roles', `admin:kari:${RANDOM},service:crm:${RANDOM}`, /already listed for admin:kari/],
    ['a name that is an e-mail address', `admin:kari@example.no:${RANDOM}`, /the name must be/],
    ['an empty token', 'admin:kari:', /token is empty/],
  ])('refuses %s in production', (_what, value, message) => {
    expect(() => tokens(value)).toThrow(message);
  });

  it('still reads role:token outside production, with the role as the name, and never half-reads an entry', () => {
    expect([...tokens('admin:abc', 'development')]).toEqual([['abc', { id: 'admin:admin', role: 'admin', name: 'admin' }]]);
    expect([...tokens('admin:abc:long', 'development')]).toEqual([['long', { id: 'admin:abc', role: 'admin', name: 'abc' }]]);
    expect(() => tokens('admin:dev:x,service:dev:x', 'development')).toThrow(/already listed/);
  });

  it('knows every token in .env.example as public, so production refuses them', () => {
    const example = parseDotenv(readFileSync(path.join(ROOT, '.env.example'))).API_TOKENS!;
    const listed = example.split(',').map((e) => e.split(':').at(-1)!);
    expect(listed.length).toBeGreaterThan(2);
    for (const token of listed) expect(PUBLIC_TOKENS.has(token), token).toBe(true);
  });
});

describe('LEDGER_KEYS and the database roles', () => {
  it('refuses the public development ledger key by value, whatever its ID', () => {
    const renamed = `mine:${DEV_LEDGER_KEYS.split(':')[1]}`;
    expect(() => loadConfig({ ...PROD, LEDGER_KEYS: renamed }, 'worker')).toThrow(/LEDGER_KEYS: key "mine" is the public development key/);
  });

  it("refuses to give the worker or the API the owner's credentials in production", () => {
    for (const role of ['worker', 'api'] as const) {
      expect(() => loadConfig({ ...PROD, DATABASE_OWNER_URL: 'postgresql://owner:x@db:5432/nitd' }, role)).toThrow(
        /DATABASE_OWNER_URL is for migrations only/,
      );
    }
  });
});

describe('PAYLOAD_KEYS', () => {
  it('refuses the public development key by value, whatever its ID', () => {
    const devBytes = DEV_PAYLOAD_KEYS.split(':')[1];
    const renamed = `prod-1:${Buffer.alloc(32, 3).toString('base64')},old:${devBytes}`;
    expect(() => loadConfig({ ...PROD, PAYLOAD_KEYS: renamed }, 'api')).toThrow(/key "old" is the public development key/);
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
