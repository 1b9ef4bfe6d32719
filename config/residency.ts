// Where personal data lives and who processes it, checked against the notice's residency clause
// (policy/notice.ts `residency`): «Opplysningene lagres på servere innenfor EU/EØS og utleveres
// ikke til tredjeparter for markedsføringsformål.» Start-up refuses a store or processor outside
// the EU/EEA, and any processor registered for marketing. Unknown regions are refused too: a
// typo must not pass as compliant.

/** EU member states plus the EEA's Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
export const EEA_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

// Cloud regions by the country their data centres are in. London (UK) and Zurich (CH) are in
// Europe but not in the EEA, so they are listed with their country and refused.
const CLOUD_REGIONS: Record<string, string> = {
  // AWS
  'eu-north-1': 'SE',
  'eu-west-1': 'IE',
  'eu-west-2': 'GB',
  'eu-west-3': 'FR',
  'eu-central-1': 'DE',
  'eu-central-2': 'CH',
  'eu-south-1': 'IT',
  'eu-south-2': 'ES',
  // Google Cloud
  'europe-north1': 'FI',
  'europe-north2': 'SE',
  'europe-west1': 'BE',
  'europe-west2': 'GB',
  'europe-west3': 'DE',
  'europe-west4': 'NL',
  'europe-west6': 'CH',
  'europe-west8': 'IT',
  'europe-west9': 'FR',
  'europe-west10': 'DE',
  'europe-west12': 'IT',
  'europe-southwest1': 'ES',
  'europe-central2': 'PL',
  // Azure
  norwayeast: 'NO',
  norwaywest: 'NO',
  swedencentral: 'SE',
  northeurope: 'IE',
  westeurope: 'NL',
  francecentral: 'FR',
  germanywestcentral: 'DE',
  polandcentral: 'PL',
  italynorth: 'IT',
  spaincentral: 'ES',
  uksouth: 'GB',
  switzerlandnorth: 'CH',
  // Outside Europe, so the message can say where they are rather than "unknown".
  'us-east-1': 'US',
  'us-west-2': 'US',
  'us-central1': 'US',
  eastus: 'US',
};

/** Stores the app itself writes personal data to; each must be declared with its region. */
export const APP_STORES = ['postgres', 'temporal'] as const;

/** Purposes a processor may be registered for. Marketing is listed so it can be refused by name. */
export const PROCESSOR_PURPOSES = ['hosting', 'operations', 'support', 'billing', 'backup', 'monitoring', 'marketing'] as const;
export type ProcessorPurpose = (typeof PROCESSOR_PURPOSES)[number];

export interface DataStore {
  name: string;
  region: string;
  country: string;
}

export interface Processor extends DataStore {
  purpose: ProcessorPurpose;
}

export interface Residency {
  stores: DataStore[];
  processors: Processor[];
}

/**
 * The country of a region: a cloud region (`eu-north-1`, `europe-north1`, `norwayeast`, optionally
 * prefixed `aws-`/`gcp-`/`azure-` as Temporal Cloud writes them) or an ISO country code (`NO`).
 * `local` (this machine) is allowed outside production only.
 */
export function countryOf(region: string, production: boolean): string | undefined {
  const r = region.toLowerCase().replace(/^(aws|gcp|azure)-/, '');
  if (r === 'local') return production ? undefined : 'local';
  if (/^[a-z]{2}$/.test(r)) return r.toUpperCase();
  return CLOUD_REGIONS[r];
}

function placeIn(variable: string, entry: string, region: string, production: boolean): string {
  const country = countryOf(region, production);
  if (!country) {
    const hint = region.toLowerCase() === 'local' ? ' ("local" is allowed only outside production)' : '';
    throw new Error(
      `${variable}: "${entry}" names the unknown region "${region}"${hint}; use a cloud region such as eu-north-1 or an ISO country code such as NO`,
    );
  }
  if (country !== 'local' && !EEA_COUNTRIES.has(country)) {
    throw new Error(`${variable}: "${entry}" is in ${country}, outside the EU/EEA; the privacy notice promises storage within the EU/EEA`);
  }
  return country;
}

function entries(raw: string): string[] {
  return raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** `DATA_STORES=postgres:eu-north-1,temporal:eu-north-1`; both app stores must be declared. */
export function parseDataStores(raw: string, production: boolean): DataStore[] {
  const stores = entries(raw).map((entry) => {
    const [name, region, extra] = entry.split(':');
    if (!name || !region || extra !== undefined) throw new Error(`DATA_STORES: "${entry}" is not a name:region pair`);
    return { name, region, country: placeIn('DATA_STORES', entry, region, production) };
  });
  const missing = APP_STORES.filter((s) => !stores.some((d) => d.name === s));
  if (missing.length)
    throw new Error(
      `DATA_STORES: the region of ${missing.join(' and ')} is not declared (e.g. ${missing.map((m) => `${m}:eu-north-1`).join(',')})`,
    );
  return stores;
}

/** `PROCESSORS=sendgrid:eu-west-1:support,...`: name, region and the purpose it processes data for. */
export function parseProcessors(raw: string, production: boolean): Processor[] {
  return entries(raw).map((entry) => {
    const [name, region, purpose, extra] = entry.split(':');
    if (!name || !region || !purpose || extra !== undefined) throw new Error(`PROCESSORS: "${entry}" is not a name:region:purpose triple`);
    if (!(PROCESSOR_PURPOSES as readonly string[]).includes(purpose)) {
      throw new Error(`PROCESSORS: "${entry}" has the unknown purpose "${purpose}" (one of ${PROCESSOR_PURPOSES.join(', ')})`);
    }
    if (purpose === 'marketing') {
      throw new Error(
        `PROCESSORS: "${entry}" is registered for marketing; the privacy notice rules out sharing personal data with third parties for marketing`,
      );
    }
    return { name, region, purpose: purpose as ProcessorPurpose, country: placeIn('PROCESSORS', entry, region, production) };
  });
}
