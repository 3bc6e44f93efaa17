// One Jest run, three tiers chosen by file name (CONVENTIONS.md): unit (pure), int (real Kafka and
// PostgreSQL), e2e (running services). @swc/jest compiles TypeScript; ts-jest cannot load the
// ESM-only NestJS 12 under Node 20, swc can once it is allowed to transform @nestjs.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer)/)'],
  // A workspace package is a lib or an app; both are imported through their public index.
  moduleNameMapper: { '^@forensics/([a-z-]+)$': ['<rootDir>/libs/$1/src/index.ts', '<rootDir>/apps/$1/src/index.ts'] },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/tools/build/jest-global-setup.js',
  // Real disks, brokers and databases on a shared 2-core host: 5 s (Jest's default) is not enough
  // for an fsync-heavy test when the host is busy. A global option (Jest ignores it per project);
  // files that need more set their own.
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.unit.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int.spec.ts'], slowTestThreshold: 30 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.e2e.spec.ts'], slowTestThreshold: 60 },
  ],
};
