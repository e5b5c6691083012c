import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app is static files that the API serves at `/` (see apps/api/src/app.module.ts), so it is built
// once by `npm run build` into dist/web and needs no server of its own. No React plugin: Vite's own
// transformer compiles TSX; the plugin only adds fast refresh for the dev server.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Ant Design is most of the bundle; one chunk per page would not make a first visit faster here.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components, which a plain SPA ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
