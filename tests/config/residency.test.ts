// The notice's residency clause as start-up checks: stores and processors in the EU/EEA only, no
// processor for marketing, and nothing unknown let through.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';
import { countryOf, parseDataStores, parseProcessors } from '../../config/residency';

describe('data stores', () => {
  it('accepts cloud regions and country codes inside the EU/EEA', () => {
    const stores = parseDataStores('postgres:eu-north-1, temporal:aws-eu-central-1,backups:NO,files:europe-north1', true);
    expect(stores.map((s) => s.country)).toEqual(['SE', 'DE', 'NO', 'FI']);
  });

  it.each([
    ['postgres:us-east-1,temporal:eu-north-1', /"postgres:us-east-1" is in US, outside the EU\/EEA/],
    // In Europe, but not in the EEA.
    ['postgres:eu-west-2,temporal:eu-north-1', /is in GB, outside the EU\/EEA/],
    ['postgres:eu-north-1,temporal:europe-west6', /is in CH, outside the EU\/EEA/],
    ['postgres:eu-nort-1,temporal:eu-north-1', /unknown region "eu-nort-1"/],
    ['postgres:eu-north-1', /region of temporal is not declared/],
    ['postgres', /not a name:region pair/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseDataStores(raw, true)).toThrow(message);
  });

  it('allows "local" on a developer machine only', () => {
    expect(parseDataStores('postgres:local,temporal:local', false)).toHaveLength(2);
    expect(() => parseDataStores('postgres:local,temporal:local', true)).toThrow(/allowed only outside production/);
    expect(countryOf('local', true)).toBeUndefined();
  });
});

describe('processors', () => {
  it('accepts an EU/EEA processor for a permitted purpose', () => {
    expect(parseProcessors('sms-gateway:NO:support,paging:eu-west-1:operations', true)).toEqual([
      { name: 'sms-gateway', region: 'NO', country: 'NO', purpose: 'support' },
      { name: 'paging', region: 'eu-west-1', country: 'IE', purpose: 'operations' },
    ]);
    expect(parseProcessors('', true)).toEqual([]);
  });

  it.each([
    ['newsletter:eu-west-1:marketing', /registered for marketing/],
    ['crm-cloud:us-west-2:support', /outside the EU\/EEA/],
    ['analytics:eu-west-1:profiling', /unknown purpose "profiling"/],
    ['analytics:eu-west-1', /not a name:region:purpose triple/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseProcessors(raw, true)).toThrow(message);
  });
});

describe('start-up', () => {
  const base = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://a:b@db/nitd',
    TEMPORAL_ADDRESS: 't:7233',
    TEMPORAL_NAMESPACE: 'default',
    PAYLOAD_KEYS: 'prod-1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
    ERASURE_JOURNAL_DIR: '/var/lib/nitd/erasure-journal',
    LEDGER_KEYS: 'ledger-1:CAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg=',
    LEDGER_ANCHOR_DIR: '/var/lib/nitd/ledger-anchors',
  };

  it('refuses a marketing processor through the configuration module, naming the variable', () => {
    expect(() =>
      loadConfig({ ...base, DATA_STORES: 'postgres:eu-north-1,temporal:eu-north-1', PROCESSORS: 'ads:eu-west-1:marketing' }),
    ).toThrow(/invalid configuration: PROCESSORS: "ads:eu-west-1:marketing" is registered for marketing/);
  });
});
