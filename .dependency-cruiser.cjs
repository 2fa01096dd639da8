/**
 * The dependency direction of docs/architecture.md, checked on every test run (`pnpm test` → `pnpm check`).
 * An arrow there is "may import"; everything not allowed below is forbidden.
 */
const pkg = (name) => `^packages/${name}/`;
const app = (name) => `^apps/${name}/`;

/** Forbid `from` to import any internal module outside `allowed` (folders under packages/ or apps/). */
function only(name, from, allowed) {
  const allowedPattern = allowed.map((a) => `^${a}/`).join("|");
  return {
    name,
    severity: "error",
    comment: `${from} may only import ${allowed.join(", ")}`,
    from: { path: from },
    to: { path: "^(packages|apps)/", pathNot: allowedPattern },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Cycles make layers meaningless.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that does not resolve is a missing dependency (or a forbidden one).",
      from: {},
      to: { couldNotResolve: true },
    },
    only("core-is-a-leaf", pkg("core"), ["packages/core"]),
    only("queue-on-core", pkg("queue"), ["packages/queue", "packages/core"]),
    only("storage-on-core", pkg("storage"), ["packages/storage", "packages/core"]),
    only("registry-on-storage", pkg("registry"), [
      "packages/registry",
      "packages/core",
      "packages/storage",
    ]),
    only("metrics-on-core", pkg("metrics"), ["packages/metrics", "packages/core"]),
    only("ocr-is-pure-compute", pkg("ocr"), ["packages/ocr", "packages/core"]),
    only("models-are-pure-compute", pkg("models"), ["packages/models", "packages/core"]),
    // The SDK is published on its own: it may depend on nothing of the workspace (its types come
    // from the API's OpenAPI document, generated into the package).
    only("client-is-standalone", pkg("client"), ["packages/client"]),
    only("api-never-loads-tfjs-or-ocr", app("api"), [
      "apps/api",
      "packages/core",
      "packages/queue",
      "packages/storage",
      "packages/registry",
      "packages/metrics",
    ]),
    only("cli-talks-http-or-computes", app("cli"), [
      "apps/cli",
      // All of its HTTP goes through the SDK.
      "packages/client",
      "packages/core",
      "packages/ocr",
      "packages/models",
      // `pagewise keys` only: master keys never travel over HTTP.
      "packages/storage",
    ]),
    {
      name: "web-on-core-client-and-api-types",
      severity: "error",
      comment:
        "The UI imports core, the SDK (its typed client), and the API only for its route types (type-only).",
      from: { path: app("web") },
      to: {
        path: "^(packages|apps)/",
        pathNot: ["^apps/web/", "^packages/core/", "^packages/client/", "^apps/api/"],
      },
    },
    {
      name: "web-imports-api-types-only",
      severity: "error",
      from: { path: app("web") },
      to: { path: "^apps/api/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "core-stays-browser-safe",
      severity: "error",
      comment: "core runs in the browser: no Node built-ins.",
      from: { path: pkg("core") },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "client-stays-browser-safe",
      severity: "error",
      comment: "The SDK runs in browsers too: no Node built-ins outside its tests.",
      from: { path: "^packages/client/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.turbo)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    combinedDependencies: true,
  },
};
