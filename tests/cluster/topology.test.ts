// `npm run start:cluster` must run what docker-compose.yml describes: same versions, the schema and
// setup jobs as written there, the databases the server uses, the namespace's retention, the
// workflows' search attributes, the app's commands, and every setting compose gives a service.
// Fast: reads files and renders configs; starts no server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../lifecycles/shared/searchAttributes';
import { WORKER_NODE_FLAGS } from '../../worker/nodeFlags';
import { nativeCommand } from '../../scripts/cluster/appProcesses';
import { serverToolsDir, uiToolsDir } from '../../scripts/cluster/clusterTools';
import { readComposeFile, type ComposeFile } from '../../scripts/cluster/compose';
import {
  addressRewrites,
  appEnv,
  appEnvFile,
  nativeDatabase,
  schemaJobEnv,
  serverEnv,
  setupJobEnv,
  uiEnv,
} from '../../scripts/cluster/environments';
import { freePortPlan, labelledPorts, MAX_MEMBERSHIP_PORT, portPlanFromEnv, portSettings } from '../../scripts/cluster/portPlan';
import { renderServerConfig, SERVER_CONFIG_ENV } from '../../scripts/cluster/serverConfig';
import { prepareServerRoot } from '../../scripts/cluster/temporalServer';
import { IMAGE_PATHS, loadTopology, MIGRATE_COMMAND } from '../../scripts/cluster/topology';
import { unmappedUiSettings } from '../../scripts/cluster/webUi';
import { settingsSchema } from '../../config/env';

const ROOT = path.resolve(__dirname, '../..');
const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const topology = loadTopology();
const plan = portPlanFromEnv({}, { apis: 2, workers: 2 });
const db = nativeDatabase('postgresql://u:secret@127.0.0.1:54339/nitd');
const rewrites = addressRewrites(topology, plan, db);

// The module source, when this machine has built the tools (CI without Go skips what needs it).
const goModCache = (() => {
  try {
    return execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
const moduleDir = goModCache && path.join(goModCache, `go.temporal.io/server@v${topology.serverVersion}`);
const sampleConfig = moduleDir && path.join(moduleDir, 'config', 'development-postgres12.yaml');
const haveSample = !!sampleConfig && existsSync(sampleConfig);
const serverBinary = path.join(serverToolsDir(topology.serverVersion), 'server');

// The shape of the module's config/development-postgres12.yaml, for machines without the module.
const SAMPLE_SHAPE = `
log: { stdout: true, level: info }
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default: { sql: { pluginName: postgres12 } }
    postgres-visibility: { sql: { pluginName: postgres12 } }
global: { membership: { broadcastAddress: 127.0.0.1 }, pprof: { port: 7936 }, metrics: { prometheus: { listenAddress: '127.0.0.1:8000' } } }
services: {}
clusterMetadata: { currentClusterName: active, clusterInformation: { active: { rpcAddress: 'localhost:7233' } } }
dynamicConfigClient: { filepath: config/dynamicconfig/development-sql.yaml, pollInterval: 10s }
`;
const renderedConfig = renderServerConfig(haveSample ? readFileSync(sampleConfig!, 'utf8') : SAMPLE_SHAPE, plan.temporal);
const templateReads = new Set([...renderedConfig.matchAll(/env "(\w+)"/g)].map((m) => m[1]!));

describe('the native cluster follows docker-compose.yml', () => {
  it('builds the server and UI versions of the compose images', () => {
    expect(topology.serverVersion).toBe(/image: temporalio\/server:(\S+)/.exec(composeText)![1]);
    expect(topology.uiVersion).toBe(/image: temporalio\/ui:(\S+)/.exec(composeText)![1]);
    for (const [, tag] of composeText.matchAll(/image: temporalio\/admin-tools:(\S+)/g))
      expect(tag!.startsWith(`${topology.serverVersion}-`)).toBe(true);
    expect(path.basename(serverToolsDir(topology.serverVersion))).toBe(topology.serverVersion);
    expect(path.basename(uiToolsDir(topology.uiVersion))).toBe(topology.uiVersion);
  });

  it('runs the schema job as written, for the databases the server uses, with the postgres12 plugin', () => {
    const script = topology.schemaJob.script;
    expect(script).toMatch(/temporal-sql-tool --db "\$db" create-database/);
    expect(topology.databases).toEqual([topology.server.environment.DBNAME, topology.server.environment.VISIBILITY_DBNAME]);
    for (const database of topology.databases) {
      expect(script).toContain(`temporal-sql-tool --db ${database} setup-schema -v 0.0`);
      expect(script).toMatch(
        new RegExp(`temporal-sql-tool --db ${database} update-schema -d ${IMAGE_PATHS.schemaDir}/postgresql/v12/\\w+/versioned`),
      );
    }
    expect(schemaJobEnv(topology, db, rewrites).SQL_PLUGIN).toBe(topology.server.environment.DB);
    expect(topology.server.environment.DB).toBe('postgres12');
  });

  it.skipIf(!moduleDir || !existsSync(moduleDir))('finds every schema directory the job names in the module source', () => {
    const native = topology.schemaJob.script.split(IMAGE_PATHS.schemaDir).join(path.join(moduleDir!, 'schema'));
    const dirs = [...native.matchAll(/-d (\S+)/g)].map((m) => m[1]!);
    expect(dirs).toHaveLength(2);
    for (const dir of dirs) expect(existsSync(dir), dir).toBe(true);
  });

  it("creates the namespace with the compose retention and registers exactly the workflows' search attributes", () => {
    // The job and the app read one setting; its compose default is the app's own default.
    expect(topology.namespaceRetention).toBe(settingsSchema.shape.TEMPORAL_RETENTION.parse(undefined));
    expect(topology.app.environment.TEMPORAL_RETENTION).toBe(topology.namespaceRetention);
    expect(topology.setupJob.script).toMatch(/--retention "\$\{days\}d"/);
    const registered = topology.searchAttributes.map(({ name, type }) => `${name}=${type}`).sort();
    expect(registered).toEqual(SEARCH_ATTRIBUTE_REGISTRATIONS.map(({ name, cliType }) => `${name}=${cliType}`).sort());
  });

  it('launches the worker, the API and the migrations with the compose commands', () => {
    expect(nativeCommand(topology.app.worker)).toEqual([process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', 'worker/main.ts']]);
    expect(nativeCommand(topology.app.api)).toEqual([process.execPath, ['--import', 'tsx', 'api/server.ts']]);
    expect(topology.app.migrate).toEqual([...MIGRATE_COMMAND]);
    expect(topology.app.stopGraceMs).toBe(Number(/stop_grace_period: (\d+)s/.exec(composeText)![1]) * 1000);
    // scripts/migrate.ts, which the cluster runs for the migrate job, runs that command.
    const migrate = readFileSync(path.join(ROOT, 'scripts/migrate.ts'), 'utf8');
    expect(migrate).toContain(`path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prisma')`);
    expect(migrate).toContain(`spawn(PRISMA, ['migrate', 'deploy']`);
  });

  it('gives the Temporal server every setting compose gives it, through the generated config', () => {
    for (const name of Object.keys(topology.server.environment)) expect(templateReads, `config ignores ${name}`).toContain(name);
    // …and everything the config reads is set, per process or by the environment of the service.
    const env: Record<string, string> = {
      ...serverEnv(topology, db, rewrites, { historyShards: 4, logLevel: 'info' }),
      PPROF_PORT: '1',
      PROMETHEUS_ENDPOINT: 'x',
    };
    const optional = /VISIBILITY_|SQL_(VIS_)?MAX_/; // fall back to the main store's and the template's defaults
    for (const name of templateReads) if (!optional.test(name)) expect(env[name], `${name} unset`).toBeTruthy();
    expect(env.NUM_HISTORY_SHARDS).toBe('4');
  });

  it('maps every setting compose gives the Web UI', () => {
    expect(unmappedUiSettings(topology.ui.environment)).toEqual([]);
    expect(() => unmappedUiSettings({ ...topology.ui.environment, TEMPORAL_NEW_SETTING: 'x' })).not.toThrow();
    expect(unmappedUiSettings({ ...topology.ui.environment, TEMPORAL_NEW_SETTING: 'x' })).toEqual(['TEMPORAL_NEW_SETTING']);
  });

  it("leaves no address of the compose network in any native process's environment", () => {
    const file = appEnvFile(topology, (name) => `local-${name}`).env;
    const envs = {
      'temporal-schema': schemaJobEnv(topology, db, rewrites),
      temporal: serverEnv(topology, db, rewrites, { historyShards: 4, logLevel: 'info' }),
      'temporal-setup': setupJobEnv(topology, rewrites),
      'temporal-ui': uiEnv(topology, rewrites),
      app: appEnv(topology, file, {}, rewrites, { DATABASE_URL: db.url }),
    };
    const services = Object.keys(readComposeFile().services).join('|');
    const hostAndPort = new RegExp(`(^|[/@])(${services}):\\d+`); // temporal:7233, @postgres:5432
    const bareHost = new RegExp(`^(${services})$`); // SQL_HOST=postgres
    for (const [name, env] of Object.entries(envs)) {
      for (const [key, value] of Object.entries(env)) {
        expect(value, `${name} ${key}`).not.toMatch(hostAndPort);
        if (/(HOST|SEEDS|ADDRESS)$/.test(key)) expect(value, `${name} ${key}`).not.toMatch(bareHost);
        if (/PORT$/.test(key)) expect(value, `${name} ${key}`).not.toMatch(/^(5432|7233)$/); // the images' ports
        expect(value, `${name} ${key}`).not.toMatch(/localhost:(3000|8080)\b/); // compose's published ports
      }
    }
    expect(envs.temporal.POSTGRES_SEEDS).toBe('127.0.0.1');
    expect(envs.app.TEMPORAL_ADDRESS).toBe(`127.0.0.1:${plan.temporal.frontend.grpc}`);
    expect(envs.app.TEMPORAL_UI_ORIGINS).toBe(`http://localhost:${plan.ui}`);
  });

  it("mounts the repository's dynamic config where DYNAMIC_CONFIG_FILE_PATH points", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nitd-cluster-topology-'));
    try {
      prepareServerRoot(dir, writeSample(dir), topology, plan.temporal);
      const file = path.join(dir, topology.server.environment.DYNAMIC_CONFIG_FILE_PATH!);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(ROOT, 'deploy/temporal/dynamicconfig/production.yaml'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("listens on its own ports, apart from npm start's (54329, 7233, 8233, 3000)", () => {
    const ports = labelledPorts(plan).map(([, p]) => p);
    expect(new Set(ports).size).toBe(ports.length);
    for (const taken of [54329, 7233, 8233, 3000]) expect(ports).not.toContain(taken);
    const moved = portPlanFromEnv({ CLUSTER_TEMPORAL_FRONTEND_GRPC_PORT: '27233', CLUSTER_API_PORT: '23000' }, { apis: 2, workers: 1 });
    expect([moved.temporal.frontend.grpc, ...moved.apis]).toEqual([27233, 23000, 23001]);
    const names = portSettings().map((s) => s.name);
    expect(names).toContain('CLUSTER_TEMPORAL_FRONTEND_GRPC_PORT');
    expect(new Set(names).size, 'one variable per port').toBe(names.length);
  });

  it('keeps membership ports within the SMALLINT Temporal stores them in', async () => {
    const free = await freePortPlan({ apis: 2, workers: 2 });
    for (const service of Object.values(free.temporal)) expect(service.membership).toBeLessThanOrEqual(MAX_MEMBERSHIP_PORT);
    expect(() => portPlanFromEnv({ CLUSTER_TEMPORAL_HISTORY_MEMBERSHIP_PORT: '40000' }, { apis: 1, workers: 1 })).toThrow(/SMALLINT/);
  });

  it('refuses a compose file it could not follow (the checks can fail)', () => {
    const edited = (edit: (c: ComposeFile) => void) => {
      const c = readComposeFile();
      edit(c);
      return () => loadTopology({}, c);
    };
    expect(edited(() => {})).not.toThrow();
    expect(
      edited((c) => (c.services['temporal-schema']!.command = [topology.schemaJob.script.replace('/etc/temporal/schema', '/opt/schema')])),
    ).toThrow(/no native counterpart/);
    expect(edited((c) => (c.services.migrate!.command = ['node', 'migrate.js']))).toThrow(/migrate/);
    expect(edited((c) => (c.services['temporal-setup']!.image = 'temporalio/admin-tools:1.30.0-tctl-1.18.4-cli-1.5.0'))).toThrow(
      /not the server's/,
    );
    expect(edited((c) => (c.services.temporal!.image = 'temporalio/auto-setup:1.29.1'))).toThrow(/temporalio\/server/);
    expect(edited((c) => (c.services.temporal!.volumes = ['./x:/srv/x']))).toThrow(/cannot mount/);
  });
});

describe.skipIf(!haveSample || !existsSync(serverBinary))('the generated server config', () => {
  it("loads in the Temporal server (render-config) with each process's ports and the compose settings", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nitd-cluster-config-'));
    try {
      prepareServerRoot(dir, sampleConfig!, topology, plan.temporal);
      const env = {
        PATH: process.env.PATH ?? '',
        ...serverEnv(topology, db, rewrites, { historyShards: 8, logLevel: 'warn' }),
        PPROF_PORT: '17936',
        PROMETHEUS_ENDPOINT: '127.0.0.1:18000',
      };
      const out = execFileSync(serverBinary, ['--root', dir, '--config', 'config', '--env', SERVER_CONFIG_ENV, 'render-config'], {
        cwd: dir,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const config = parseYaml(out);
      expect(config.persistence.numHistoryShards).toBe(8);
      expect(config.global.pprof.port).toBe(17936);
      expect(config.global.metrics.prometheus.listenAddress).toBe('127.0.0.1:18000');
      for (const s of ['frontend', 'history', 'matching', 'worker'] as const)
        expect(config.services[s].rpc.grpcPort).toBe(plan.temporal[s].grpc);
      const stores = Object.values(config.persistence.datastores) as { sql: Record<string, string> }[];
      expect(stores.map((s) => s.sql.databaseName)).toEqual(topology.databases);
      for (const { sql } of stores)
        expect(sql).toMatchObject({ pluginName: 'postgres12', connectAddr: '127.0.0.1:54339', user: 'u', password: '******' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function writeSample(dir: string): string {
  const file = path.join(dir, 'sample.yaml');
  writeFileSync(file, SAMPLE_SHAPE);
  return file;
}
