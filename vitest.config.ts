import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: tests that spawn the CLI or drive Chromium share two cores with the whole suite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Argon2id at OWASP parameters is CPU-bound: two cores, two workers.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
