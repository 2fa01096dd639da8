import { ApiClient } from "../api-client";
import type { CommandContext } from "../command";

interface RunJson {
  id: string;
  status: string;
  progress: { stage: string; message: string; loss?: number };
  outcome: Record<string, { version: number; promoted: boolean }> | null;
  error: string | null;
}

/**
 * `pagewise train --project P`: start a retraining in the running platform and follow it until
 * it ends. Exit 0 when it succeeded (whether or not the gate promoted), 1 when it failed.
 */
export async function retrainProject(
  project: string,
  { log, env }: CommandContext,
): Promise<number> {
  const api = new ApiClient(env.PAGEWISE_URL, env.PAGEWISE_TOKEN);
  const { run, created } = await api.post<{ run: RunJson; created: boolean }>(
    `/v1/projects/${project}/models/train`,
  );
  log(
    created
      ? `retraining ${run.id} started`
      : `following the retraining already running: ${run.id}`,
  );
  let last = "";
  for (;;) {
    const current = await api.get<RunJson>(`/v1/projects/${project}/training-runs/${run.id}`);
    const line = `${current.progress.stage}: ${current.progress.message}`;
    if (line !== last) {
      log(line);
      last = line;
    }
    if (current.status === "succeeded" || current.status === "failed") {
      for (const [kind, o] of Object.entries(current.outcome ?? {})) {
        log(
          `${kind}: v${o.version} ${o.promoted ? "promoted to champion" : "rejected by the gate"}`,
        );
      }
      if (current.error) log(`failed: ${current.error}`);
      return current.status === "succeeded" ? 0 : 1;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
