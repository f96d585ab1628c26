import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import ... from 'firstwall'` in tests means the sources; the built package is tested by
  // test/package/pack.test.ts (whose `npm pack` rebuilds dist/ while other tests run)
  resolve: { alias: [{ find: /^firstwall$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
