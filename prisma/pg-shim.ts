// Only for the Prisma CLI (prisma.config.ts), not for the runtime client.
//
// Prisma 6.19's Wasm schema engine reads pg_catalog columns of type `name` (OID 19) and `"char"`
// (OID 18). @prisma/adapter-pg 6.19 cannot map those OIDs, so `migrate deploy`/`migrate status`
// fail with "Column type 'name' could not be deserialized". Both hold plain text, so reporting
// them as `text` (OID 25) is lossless. Remove this file once the adapter maps them itself.
import pg from 'pg';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Fields = { fields?: Array<{ dataTypeID: number }> };

function reportCatalogTypesAsText(result: unknown): void {
  // A multi-statement script (migration SQL) yields one result per statement.
  for (const r of (Array.isArray(result) ? result : [result]) as Fields[]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
}

export class CatalogTextPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    // Promise form only: that is all the adapter uses.
    const query = super.query.bind(this) as (...args: unknown[]) => Promise<unknown>;
    this.query = (async (...args: unknown[]) => {
      const result = await query(...args);
      reportCatalogTypesAsText(result);
      return result;
    }) as pg.Pool['query'];
  }
}
