import { PagewiseError } from "@pagewise/core";
import type { Db } from "@pagewise/storage";

/**
 * The refusal of a new retraining by the project's `concurrentRetrainings` quota, or null when
 * one may start. Retrainings hold the project's training lock from queued to finished, so the
 * locks are the running ones (today at most one per project: a limit of 1 or more changes
 * nothing, 0 pauses retraining). The caller first answers a running retraining as before
 * (joining it starts nothing); this judges only a new one.
 */
export async function retrainingQuotaError(
  db: Db,
  projectId: string,
  limit: number | null,
): Promise<PagewiseError | null> {
  if (limit === null) return null;
  const row = await db
    .selectFrom("training_locks")
    .select((eb) => eb.fn.countAll<number>().as("running"))
    .where("project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  const running = Number(row.running);
  if (running < limit) return null;
  return new PagewiseError(
    "quota_exceeded",
    limit === 0
      ? "Retraining is paused for this project (quota concurrentRetrainings = 0); nothing was started."
      : `The project's quota of ${limit} concurrent retrainings is reached (${running} running); nothing was started.`,
    { quota: "concurrentRetrainings", limit, used: running, requested: 1 },
  );
}
