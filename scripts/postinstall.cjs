// Runs after `npm install`/`npm ci` so a fresh clone is ready: generates the Prisma client and
// installs the Temporal binaries (scripts/tools.ts). Plain CommonJS because it runs before anyone
// has chosen a TS runner; it only delegates. Never reads stdin (CI has none).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(label, command, args) {
  console.log(`[postinstall] ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`[postinstall] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

step('prisma generate', bin('prisma'), ['generate']);
step('Temporal binaries', bin('tsx'), [path.join('scripts', 'install-tools.ts')]);
