import { defineConfig } from 'vitest/config';

// CI sets EDRA_VITEST_JSON so that .ci/run can print "N passed, N failed".
const json = process.env.EDRA_VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
  },
});
