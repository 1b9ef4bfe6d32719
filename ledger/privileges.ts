// Whether the process's database role could rewrite a ledger. The runtime role may only read and
// append (prisma/migrations/*_ledger_keys_and_roles); a superuser or the tables' owner could disable
// the triggers, drop the tables or rewrite them, which the hash chain would then have to catch.
// The worker and the API ask at start-up and refuse to run so in production.
import type { Db } from '../db/client';

export async function ledgerRewriteRights(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<
    { ledger: string; superuser: boolean; owner: boolean; update: boolean; delete: boolean; truncate: boolean }[]
  >`
    SELECT c.relname::text AS ledger, r.rolsuper AS superuser,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
           has_table_privilege(current_user, c.oid, 'UPDATE') AS update,
           has_table_privilege(current_user, c.oid, 'DELETE') AS delete,
           has_table_privilege(current_user, c.oid, 'TRUNCATE') AS truncate
      FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
     WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN ('Evidence', 'AdminAction')
     ORDER BY c.relname`;
  const problems: string[] = [];
  if (rows[0]?.superuser) return ['connects as a superuser'];
  for (const r of rows) {
    if (r.owner) problems.push(`owns "${r.ledger}" (could disable its triggers or drop it)`);
    const rewrites = (['update', 'delete', 'truncate'] as const).filter((p) => r[p]).map((p) => p.toUpperCase());
    if (rewrites.length) problems.push(`may ${rewrites.join(', ')} "${r.ledger}"`);
  }
  return problems;
}

/** At start-up: refuses (production) or warns about a role that could rewrite a ledger. */
export async function refuseLedgerRewriters(db: Db, production: boolean, warn: (message: string) => void): Promise<void> {
  const rights = await ledgerRewriteRights(db);
  if (rights.length === 0) return;
  const message = `DATABASE_URL's role ${rights.join('; ')}: connect as the runtime role (docs/evidence.md)`;
  if (production) throw new Error(`refusing to start: ${message}`);
  warn(message);
}
