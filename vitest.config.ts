import { defineConfig } from "vitest/config";

/**
 * Whole-system test files that boot at most a platform without training, browser or heavy OCR,
 * and assert nothing about timing: two of them (or one beside a unit test file) share the two
 * cores of CI without slowing each other down much, so they run with the unit tests.
 */
const LIGHT_E2E = [
  "test/bad-input.e2e.test.ts",
  "test/cli-export.e2e.test.ts",
  "test/consume-folder.e2e.test.ts",
  "test/delete-document.e2e.test.ts",
  "test/einvoice.e2e.test.ts",
  "test/full-disk.e2e.test.ts",
  "test/deploy-files.test.ts",
  "test/grafana-dashboard.test.ts",
  "test/migrate.e2e.test.ts",
  "test/object-storage.e2e.test.ts",
  "test/prometheus-rules.test.ts",
  "test/prometheus.e2e.test.ts",
  "test/reader-memory-limit.e2e.test.ts",
  "test/revoked-admin-token.e2e.test.ts",
  "test/sdk.e2e.test.ts",
  "test/search.e2e.test.ts",
  "test/start-command.e2e.test.ts",
  "test/webhooks.e2e.test.ts",
  "test/worker-health.e2e.test.ts",
];

// Vitest runs groups one after the other: first the unit tests with the light whole-system
// files, two files at a time (`maxWorkers` must match within a group), then the heavy
// whole-system files one by one. Two workers, not one per core minus one: on two cores the
// default is a single worker, and these files wait on databases, Redis and child processes.
const PARALLEL_WORKERS = 2;

// `expect.poll` waits for something that happens by itself (a screen loading, a job finishing):
// vitest's default second is a guess a loaded machine misses, so a condition gets 15 s to hold.
// A condition that never holds still fails, only later.
const POLL = { timeout: 15_000, interval: 100 };

// One root config; the unit tests sit beside the code, the whole-system tests live in test/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/*/src/**/*.test.ts",
            "scripts/*.test.ts",
            "bench/*.test.ts",
          ],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: PARALLEL_WORKERS,
          expect: { poll: POLL },
        },
      },
      {
        test: {
          name: "e2e-light",
          include: LIGHT_E2E,
          testTimeout: 600_000,
          hookTimeout: 600_000,
          maxWorkers: PARALLEL_WORKERS,
          expect: { poll: POLL },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          exclude: [...LIGHT_E2E, "**/node_modules/**"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // The heavy e2e tests boot real processes, train models and drive a browser; two cores
          // cannot run several of them at once.
          fileParallelism: false,
          expect: { poll: POLL },
        },
      },
    ],
  },
});
