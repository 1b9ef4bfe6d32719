// The one place configuration is read and validated. A missing or invalid setting stops the
// process with a message naming it.
import { z } from 'zod';
import { policyFromEnv, PolicyError, type PolicySnapshot } from '../policy/retention';

export type Role = 'admin' | 'auditor' | 'service';

const tokenList = z
  .string()
  .transform((raw, ctx) => {
    const tokens = new Map<string, Role>();
    for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [role, token] = pair.split(':');
      if (!token || !['admin', 'auditor', 'service'].includes(role ?? '')) {
        ctx.addIssue({ code: 'custom', message: `"${role}:…" is not a role:token pair with role admin, auditor or service` });
        return z.NEVER;
      }
      tokens.set(token, role as Role);
    }
    return tokens;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('nitd-lifecycle'),
  API_TOKENS: tokenList.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | undefined;
  temporal: { address: string; namespace: string; taskQueue: string };
  apiTokens: Map<string, Role>;
  logLevel: string;
  policy: PolicySnapshot;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  let policy: PolicySnapshot;
  try {
    policy = policyFromEnv(env);
  } catch (err) {
    if (err instanceof PolicyError) throw new ConfigError(`invalid configuration: ${err.message}`);
    throw err;
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE },
    apiTokens: e.API_TOKENS ?? new Map(),
    logLevel: e.LOG_LEVEL,
    policy,
  };
}

/** Used by the processes that need a database: says which variable is missing instead of crashing later. */
export function requireDatabaseUrl(config: AppConfig): string {
  if (!config.databaseUrl) throw new ConfigError('invalid configuration: DATABASE_URL is required');
  return config.databaseUrl;
}
