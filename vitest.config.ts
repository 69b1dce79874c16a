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

/**
 * Tests that replace a module with vi.mock (the prompts, node:fs): each file in a fresh module graph. The
 * unit project shares one graph per worker across its files (isolate: false), which src/ allows because
 * no module holds state (test/bundles.test.ts), and which halves the suite's CPU time.
 */
const MOCKING = [
  'test/draft-prompts.test.ts',
  'test/evaluate-prompts.test.ts',
  'test/letters-prompts.test.ts',
  'test/new-prompts.test.ts',
  'test/output-errors.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // expect.hasAssertions() before every test of every project (extends: true carries it).
    setupFiles: ['test/setup.ts'],
    // Four projects, all run by `npm test` and CI: the unit and in-process tests, those that mock a module,
    // the slow spawned ones, and the real-browser tests (headless Chromium through playwright-core; see
    // test/browser/).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', ...SLOW, ...MOCKING],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'mocking', include: MOCKING } },
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 120_000 } },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
