import { defineConfig } from 'vite';

// The node the app talks to is chosen at run time (`?ws=` or the endpoint field); the build has
// no settings of its own beyond a modern target (@polkadot/api uses BigInt throughout).
export default defineConfig({
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
