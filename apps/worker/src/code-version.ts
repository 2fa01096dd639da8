import { spawnSync } from "node:child_process";

/**
 * The code version recorded in every model's lineage: `PAGEWISE_CODE_VERSION` when the deployment
 * sets it, else the git commit of the checkout (with `-dirty` for uncommitted changes).
 */
export function resolveCodeVersion(fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const git = spawnSync("git", ["describe", "--always", "--dirty", "--abbrev=40"], {
    encoding: "utf8",
  });
  return git.status === 0 && git.stdout.trim() ? git.stdout.trim() : "unknown";
}
