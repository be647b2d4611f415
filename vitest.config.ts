import { defineConfig } from 'vitest/config';
import { clickhouseServerCommand, INSTALL_HINT } from './scripts/clickhouse/localCluster.js';

// CI sets EDRA_VITEST_JSON so that .ci/run can print "N passed, N failed".
const json = process.env.EDRA_VITEST_JSON;

// The ClickHouse tests (test/clickhouse) start real servers from Debian's clickhouse-server.
// They run when the binary is here, and always when EDRA_REQUIRE_CLICKHOUSE=1 (CI installs
// the package and sets it, so a missing binary fails there with the install hint). On a
// machine with neither (`npm ci && npm test` alone), they are left out, said in one line.
const clickhouse = clickhouseServerCommand() !== undefined || process.env.EDRA_REQUIRE_CLICKHOUSE === '1';
if (!clickhouse) console.log(`test/clickhouse not run: ${INSTALL_HINT}`);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: clickhouse ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/clickhouse/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
  },
});
