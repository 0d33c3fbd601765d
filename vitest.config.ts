import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests, and tests that need PostgreSQL (`*.db.test.ts`).
// The db project runs on the embedded server by default and on DATABASE_URL when set;
// either way each test file gets its own throwaway database (see test/db-global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/*/src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/db-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
