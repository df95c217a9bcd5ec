// Three tiers, run together by `npm test`: unit (pure), workflows (time-skipping server), e2e (full stack).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  testTimeout: 60_000,
  testSequencer: '<rootDir>/test/helpers/browser-suites-last.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/test/workflows/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/helpers/workflow-global-setup.ts',
      setupFiles: ['<rootDir>/test/helpers/quiet-temporal-runtime.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/helpers/e2e-global-setup.ts',
      setupFiles: ['<rootDir>/test/helpers/quiet-temporal-runtime.ts'],
      globalTeardown: '<rootDir>/test/helpers/e2e-global-teardown.ts',
    },
  ],
};
