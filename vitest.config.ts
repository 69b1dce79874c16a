import { defineConfig } from 'vitest/config';

/**
 * Tests that spawn the program by design, many times or for long (later issues' pseudo-terminal, signal,
 * fuzz and installed-package tests): a project of their own, so the unit project stays quick to run
 * alone (`npx vitest run --project unit`). `npm test` and CI run every project.
 */
const SLOW = [
  'test/hostile/fuzz.test.ts',
  'test/hostile/reliability.test.ts',
  'test/evaluate-tty.test.ts',
  'test/new-tty.test.ts',
  'test/installed-letters.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // expect.hasAssertions() before every test of every project (extends: true carries it).
    setupFiles: ['test/setup.ts'],
    // Three projects, all run by `npm test` and CI: the unit and in-process tests, the slow spawned ones,
    // and the real-browser tests (headless Chromium through playwright-core; see test/browser/).
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', ...SLOW] } },
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 120_000 } },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
