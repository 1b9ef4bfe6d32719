// Values for the <placeholders> of .env.production.example when there is no .env.production:
// random, generated once per cluster data directory and kept there (owner-only), because the
// payload key must outlive a restart (histories encrypted with it stay readable) and tokens
// should not change under a user between runs. Never logged.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function localSecrets(dataDir: string): (placeholder: string) => string {
  const file = path.join(dataDir, 'local-secrets.json');
  const values: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return (placeholder) => {
    if (!values[placeholder]) {
      values[placeholder] = generate(placeholder);
      writeFileSync(file, JSON.stringify(values, null, 2) + '\n', { mode: 0o600 });
    }
    return values[placeholder]!;
  };
}

function generate(placeholder: string): string {
  if (placeholder === 'key-id') return `local-${randomBytes(3).toString('hex')}`;
  // API_TOKENS' names (whose token it is) are not secret: readable, so the console shows who acts.
  if (/-name$|^calling-system$/.test(placeholder)) return `local-${placeholder.replace(/-name$/, '')}`;
  if (/base64-32-byte/.test(placeholder)) return randomBytes(32).toString('base64');
  return randomBytes(24).toString('hex'); // tokens, passwords
}
