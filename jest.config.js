// One `npm test`, three tiers (docs/STYLE.md, "Immich"): pure unit tests; API tests over real HTTP against a real
// PostgreSQL; portal tests in a real Chromium. Everything is compiled by swc to CommonJS, including the ESM-only
// NestJS 12 and Prisma 7 runtimes, hence `transformIgnorePatterns: []` (docs/TOOLCHAIN.md).

import { availableParallelism } from 'node:os';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j|mj|cj)sx?$': swc },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@writ/(contracts|policy|tlog)$': '<rootDir>/packages/$1/src/index.ts',
    '^@writ/tlog/node$': '<rootDir>/packages/tlog/src/node.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The portal's own alias (apps/portal/tsconfig.json), for its word-making modules tested as units.
    '^@/(.*)$': '<rootDir>/apps/portal/$1',
  },
  testEnvironment: 'node',
};

export default {
  // Per-project testTimeout is ignored by jest; API and browser tests start real servers, so allow for that.
  testTimeout: 30000,
  // Most of the suite waits on PostgreSQL, HTTP and Chromium rather than computing, so two workers even on two cores
  // (jest's default there is one): portal files still run one at a time (test/support/portal-turn.ts).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/*/src/**/*.test.ts',
        '<rootDir>/apps/api/src/**/*.test.ts',
        '<rootDir>/apps/portal/lib/**/*.test.ts',
        '<rootDir>/apps/portal/app/**/*.test.ts',
        '<rootDir>/apps/portal/server/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/db-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/db-global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
    {
      ...common,
      displayName: 'portal',
      testMatch: ['<rootDir>/test/portal/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/portal-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/portal-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/portal-turn.ts'],
    },
  ],
};
