// Projects: `unit` (pure rules, no I/O, beside the code), `integration` (real Kafka and
// FerretDB started by scripts/stack.sh; see libs/testing), `faults` and `demo`.
import { defineConfig } from 'vitest/config';

const resolve = { conditions: ['source', 'import', 'node', 'default'] };

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    projects: [
      {
        resolve,
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: {
          name: 'unit',
          include: [
            'libs/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        resolve,
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: {
          name: 'integration',
          include: [
            'libs/*/test/**/*.test.ts',
            'services/*/test/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          // The fault tests stop the shared broker: they are the `faults` project's alone;
          // the demo check reads a seeded platform (the `demo` project).
          exclude: ['test/faults/**', 'test/demo/**'],
          environment: 'node',
          globalSetup: ['libs/testing/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
        },
      },
      {
        // Fault injection stops the shared broker, so these run alone, one file at a time,
        // after the other projects (scripts/test.sh runs this project separately).
        resolve,
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['libs/testing/src/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The demo check: reads the platform `npm start -- --profile check` seeded, through
        // its gateway (DEMO_GATEWAY_URL); scripts/test.sh runs it last.
        resolve,
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: {
          name: 'demo',
          include: ['test/demo/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
