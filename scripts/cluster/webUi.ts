// The Temporal Web UI server (temporalio/ui's Go server, its UI embedded). The image renders its
// config from environment variables (docker/config-template.yaml of ui-server); we write the same
// settings from the compose service's environment. A variable compose sets that is not mapped
// here stops the start rather than being dropped.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { startClusterProcess, TIER, type ClusterProcess, type ProcessOptions } from './clusterProcess';
import type { Env } from './environments';

const CONFIG_ENV = 'cluster';

/** The template's variable → the config key it fills. */
const SETTINGS: Record<string, (config: Record<string, unknown>, value: string) => void> = {
  TEMPORAL_ADDRESS: (c, v) => (c.temporalGrpcAddress = v),
  TEMPORAL_DEFAULT_NAMESPACE: (c, v) => (c.defaultNamespace = v),
  TEMPORAL_CODEC_ENDPOINT: (c, v) => (c.codec = { passAccessToken: false, includeCredentials: false, ...(c.codec as object), endpoint: v }),
  TEMPORAL_CODEC_INCLUDE_CREDENTIALS: (c, v) => (c.codec = { ...(c.codec as object), includeCredentials: v === 'true' }),
  TEMPORAL_DISABLE_WRITE_ACTIONS: (c, v) => (c.disableWriteActions = v === 'true'),
};

export function unmappedUiSettings(env: Env): string[] {
  return Object.keys(env).filter((k) => !(k in SETTINGS));
}

export function writeUiConfig(root: string, env: Env, port: number): string {
  const unmapped = unmappedUiSettings(env);
  if (unmapped.length)
    throw new Error(`temporal-ui sets ${unmapped.join(', ')}, which scripts/cluster/webUi.ts does not map to the UI's config`);
  const origin = `http://localhost:${port}`;
  // The template's defaults for what compose leaves unset; loopback only, as compose publishes it.
  const config: Record<string, unknown> = {
    host: '127.0.0.1',
    port,
    enableUi: true,
    cors: { cookieInsecure: false, allowOrigins: [origin] },
    refreshInterval: '0s',
  };
  for (const [key, value] of Object.entries(env)) SETTINGS[key]!(config, value);
  const dir = path.join(root, 'config');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${CONFIG_ENV}.yaml`);
  // Owner-only, though it holds no secret: the codec endpoint carries no token any more.
  writeFileSync(file, stringify(config), { mode: 0o600 });
  return file;
}

export function startWebUi(binary: string, root: string, o: Omit<ProcessOptions, 'tier'>): ClusterProcess {
  return startClusterProcess(
    'temporal-ui',
    binary,
    ['--root', root, '--config', 'config', '--env', CONFIG_ENV, 'start'],
    { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
    root,
    { ...o, tier: TIER.ui },
  );
}
