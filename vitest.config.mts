// Test files share one Postgres and one Temporal dev server (tests/setup/globalSetup.ts) and CI
// has two cores, so files run one at a time; servers and workflow bundling need generous timeouts.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['tests/setup/globalSetup.ts'],
    setupFiles: ['tests/setup/requireTs.ts'],
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '.data/**', '.tools/**', 'generated/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
