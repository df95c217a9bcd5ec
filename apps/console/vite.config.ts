import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console's build (decision 0021). Vite 8 compiles TSX itself (Oxc) with React's automatic runtime,
 * so no React plugin is needed. Served by the API under /console/; each area is its own chunk.
 */
export default defineConfig(({ mode }) => ({
  root,
  base: '/console/',
  // React's production build (and JSX runtime) whatever NODE_ENV the caller has: Jest sets it to `test`.
  oxc: { jsx: { runtime: 'automatic', development: mode !== 'production' } },
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // The hashed file names are what the API caches for good.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
}));
