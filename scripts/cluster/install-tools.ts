// `npm run tools:cluster`: builds the production topology's binaries (scripts/cluster/clusterTools.ts)
// ahead of `npm run start:cluster`, which would otherwise build them on its first start.
// `--retry-ui` tries the Web UI server again after a failed build.
import path from 'node:path';
import { PROJECT_ROOT } from '../tools';
import { ensureClusterTools } from './clusterTools';

async function main(): Promise<void> {
  const started = Date.now();
  const tools = await ensureClusterTools({ retryUi: process.argv.includes('--retry-ui') });
  const rel = (p: string) => path.relative(PROJECT_ROOT, p);
  console.log(`[tools:cluster] temporal server ${tools.serverVersion}: ${rel(tools.server)}`);
  console.log(`[tools:cluster] temporal-sql-tool ${tools.serverVersion}: ${rel(tools.sqlTool)}`);
  console.log(`[tools:cluster] schemas: ${tools.schemaDir}`);
  console.log(`[tools:cluster] sample config: ${tools.sampleConfig}`);
  console.log(
    `[tools:cluster] web UI server ${tools.ui.version}: ${tools.ui.binary ? rel(tools.ui.binary) : `not available (${tools.ui.failure})`}`,
  );
  console.log(`[tools:cluster] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
