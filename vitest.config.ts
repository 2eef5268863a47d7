// Test timeouts sized for a cold start on a busy two-core machine (CI runs beside other work):
// a test fails on what it asserts, never on how fast the machine happens to be. Speed is measured
// by the benchmarks in bench/, not here.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
