// Builds the console into dist/admin-ui, which the API serves at `/` (api/adminUi.ts). In
// development (`npx vite admin-ui`), /api is proxied to the API on ADMIN_API_URL.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, '../dist/admin-ui'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': process.env.ADMIN_API_URL ?? 'http://localhost:3000' } },
});
