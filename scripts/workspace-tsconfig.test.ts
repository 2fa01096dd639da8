import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** Every tsconfig of the workspace's projects (not the shared base, not node_modules). */
function projectConfigs(): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir)) {
      if (entry === "node_modules" || entry.startsWith(".") || entry === "dist") continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (depth < 2) walk(path, depth + 1);
      } else if (/^tsconfig.*\.json$/.test(entry) && dir !== ROOT) {
        found.push(relative(ROOT, path));
      }
    }
  };
  walk(ROOT, 0);
  return found.sort();
}

describe("the root tsconfig.json", () => {
  it("is a solution that references every project of the workspace", () => {
    const { config, error } = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
    expect(error).toBeUndefined();
    expect(config.files).toEqual([]);
    const referenced = (config.references as { path: string }[])
      .map(({ path }) => (path.endsWith(".json") ? path : join(path, "tsconfig.json")))
      .sort();
    expect(referenced).toEqual(projectConfigs());
  });
});
