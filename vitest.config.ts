import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Argon2id at OWASP parameters is CPU-bound: two cores, two workers.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
