import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages from one build: the app at / and the offline GraphiQL at /graphiql/index.html,
// which the gateway serves to browsers that GET /graphql in development.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco (GraphiQL's editor) is large by nature and loaded only on the IDE page.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      // GraphiQL's modules start with "use no memo" (a React Compiler hint); bundling drops it harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql/index.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: {
    // `npx vite` in web/ during development: the API stays same-origin through this proxy.
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/avatars': 'http://127.0.0.1:4000',
    },
  },
});
