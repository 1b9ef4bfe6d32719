// The runtime login role: what the worker and the API connect as. The migrations create the group
// role nitd_runtime with its grants (read and append only on the ledgers, no ownership); this makes
// the login named in the runtime URL a member of it, with that URL's password. Run as the owner,
// after the migrations, by `npm start`, the test servers and the compose migrate job.
import pg from 'pg';

export const RUNTIME_GROUP = 'nitd_runtime';

/**
 * The login of the servers this project starts itself (embedded Postgres for `npm start`, the
 * tests' servers): they listen on 127.0.0.1 only, like their owner 'postgres'/'postgres'.
 */
export const LOCAL_RUNTIME_LOGIN = { user: 'nitd_app', password: 'nitd_app' };

/** `url` with another user and password: the same server and database as another role. */
export function asRole(url: string, login: { user: string; password: string }): string {
  const u = new URL(url);
  u.username = encodeURIComponent(login.user);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}

/** The runtime URL of a server this project started, from its owner's URL. */
export const localRuntimeUrl = (ownerUrl: string) => asRole(ownerUrl, LOCAL_RUNTIME_LOGIN);

export async function ensureRuntimeLogin(ownerUrl: string, runtimeUrl: string): Promise<void> {
  const runtime = new URL(runtimeUrl);
  const user = decodeURIComponent(runtime.username);
  const password = decodeURIComponent(runtime.password);
  if (!user || user === decodeURIComponent(new URL(ownerUrl).username)) {
    throw new Error('the runtime URL must name a login of its own, not the owner: the owner can rewrite the ledgers');
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(user);
    const secret = client.escapeLiteral(password);
    // Roles are cluster-wide: another process may create it between our look and our create.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      try {
        await client.query(rowCount ? `ALTER ROLE ${role} LOGIN PASSWORD ${secret}` : `CREATE ROLE ${role} LOGIN PASSWORD ${secret}`);
        break;
      } catch (err) {
        if (!['42710', '23505', 'XX000'].includes((err as { code?: string }).code ?? '') || attempt === 2) throw err;
      }
    }
    await client.query(`GRANT ${RUNTIME_GROUP} TO ${role}`);
  } finally {
    await client.end();
  }
}
