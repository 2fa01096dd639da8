import type { Redis } from "ioredis";
import type { WorkerDeps } from "../deps";
import { reconcile } from "./reconcile-documents";
import { ensureSchedules, type ScheduleOptions } from "./schedules";

/**
 * Notices that Redis lost its data and puts back what the platform needs from it. The check runs
 * on a plain timer in this process (a BullMQ schedule would be lost with the data it watches) and
 * whenever the connection is ready again after a reconnect (a Redis restart). Missing schedulers
 * are upserted; when the reconcile scheduler itself was missing, the reconciliation runs here at
 * once, so documents and retraining runs whose jobs vanished start again without waiting.
 */
export function startRedisWatchdog(
  deps: WorkerDeps,
  options: ScheduleOptions & { connection: Redis; checkEveryMs: number },
): { check: (reason: string) => Promise<void>; stop: () => void } {
  const log = deps.logger.child({ component: "redis-watchdog" });
  let running: Promise<void> | undefined;
  let again = false;

  async function run(reason: string): Promise<void> {
    const { connection: _c, checkEveryMs: _e, ...intervals } = options;
    const restored = await ensureSchedules(deps, { ...intervals, always: false });
    if (!restored.reconcile && restored.housekeeping + restored.trainingChecks === 0) return;
    log.warn({ reason, ...restored }, "schedulers were missing from Redis; restored them");
    if (restored.reconcile) await reconcile(deps, log);
  }

  /** One check at a time; a request during a check runs one more afterwards. */
  function check(reason: string): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run(reason)
      .catch((err: Error) => log.warn({ err: err.message, reason }, "redis check failed"))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void check(reason);
        }
      });
    return running;
  }

  let connectedOnce = options.connection.status === "ready";
  const onReady = () => {
    if (connectedOnce) void check("reconnected");
    connectedOnce = true;
  };
  options.connection.on("ready", onReady);
  const timer = setInterval(() => void check("timer"), options.checkEveryMs);
  timer.unref();
  return {
    check,
    stop: () => {
      clearInterval(timer);
      options.connection.off("ready", onReady);
    },
  };
}
