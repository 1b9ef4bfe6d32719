// Prisma CLI configuration. Prisma 6.19's native schema engine would be downloaded from Prisma's
// servers; its bundled Wasm engine ('js'), driven through a driver adapter, works offline
// (prisma/pg-shim.ts covers the catalog types the adapter cannot map).
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { CatalogTextPool } from './prisma/pg-shim';

loadDotenv({ quiet: true }); // with a config file Prisma no longer reads .env itself

// schema.prisma's `url = env("DATABASE_URL")` must resolve, or the CLI cannot read the generator
// settings, assumes the native query engine and tries to download it. `generate` and
// `migrate diff --from-empty|--from-schema-datamodel` need no database, so without one they get a
// placeholder whose host name says what is wrong if anything does try to connect.
process.env.DATABASE_URL ??= 'postgresql://unset@database-url-is-not-set.invalid:5432/unset';
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  // pg.Pool connects lazily, so creating the adapter costs nothing for commands that never query.
  // allowExitOnIdle: the CLI never ends the pool, whose idle client would hold the process ~10 s.
  adapter: async () => new PrismaPg(new CatalogTextPool({ connectionString: databaseUrl, idleTimeoutMillis: 200 })),
});
