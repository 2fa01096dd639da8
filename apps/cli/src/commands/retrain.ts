import { unwrap } from "@pagewise/client";
import { connect } from "../api-client";
import type { CommandContext } from "../command";

/**
 * `pagewise train --project P`: start a retraining in the running platform and follow it until
 * it ends. Exit 0 when it succeeded (whether or not the gate promoted), 1 when it failed.
 */
export async function retrainProject(
  project: string,
  { log, env }: CommandContext,
): Promise<number> {
  const { api } = connect(env);
  const { run, created } = await unwrap(
    api.POST("/v1/projects/{project}/models/train", { params: { path: { project } } }),
  );
  log(
    created
      ? `retraining ${run.id} started`
      : `following the retraining already running: ${run.id}`,
  );
  let last = "";
  for (;;) {
    const current = await unwrap(
      api.GET("/v1/projects/{project}/training-runs/{runId}", {
        params: { path: { project, runId: run.id } },
      }),
    );
    const line = `${current.progress.stage}: ${current.progress.message}`;
    if (line !== last) {
      log(line);
      last = line;
    }
    if (current.status === "succeeded" || current.status === "failed") {
      for (const [kind, o] of Object.entries(current.outcome ?? {})) {
        if (!o) continue;
        log(
          `${kind}: v${o.version} ${o.promoted ? "promoted to champion" : `not promoted: ${o.reason ?? "rejected by the gate"}`}`,
        );
      }
      if (current.error) log(`failed: ${current.error}`);
      return current.status === "succeeded" ? 0 : 1;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
