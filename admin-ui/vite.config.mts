// Builds the console into dist/admin-ui, which the API serves at `/` (api/adminUi.ts). In
// development (`npx vite admin-ui`), /api is proxied to the API on ADMIN_API_URL. An ES module
// (.mts): the project's package.json is CommonJS, and Vite warns when it loads ESM as CommonJS.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/admin-ui'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': process.env.ADMIN_API_URL ?? 'http://localhost:3000' } },
});
