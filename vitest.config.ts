import { defineConfig } from "vitest/config";

// One root config; the unit tests sit beside the code, the whole-system tests live in test/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // The e2e tests boot real processes; two cores cannot run several at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
