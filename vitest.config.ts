import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setupTfjs.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
