import { defineConfig } from '@playwright/test';

// The app's browser tests (scripts/app-test.sh): against the built app served by `vite preview`
// on $APP_PORT, connected to the node at $DEX_WS, in the system's Chromium ($CHROMIUM).
const port = Number(process.env.APP_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
