// Two tiers share one run. `unit`: pure rules and the architecture's import rules, no servers, so
// `npx vitest run --project unit` answers in seconds. `stack`: everything that needs the shared
// Postgres and Temporal dev server (tests/setup/globalSetup.ts); CI has two cores, so its files run
// one at a time, and servers and workflow bundling need generous timeouts.
import { configDefaults, defineConfig } from 'vitest/config';

const exclude = [...configDefaults.exclude, '.data/**', '.tools/**', 'generated/**'];
const UNIT = ['tests/unit/**/*.test.ts', 'tests/architecture/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    setupFiles: ['tests/setup/requireTs.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, exclude } },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts'],
          exclude: [...exclude, ...UNIT],
          globalSetup: ['tests/setup/globalSetup.ts'],
        },
      },
    ],
  },
});
