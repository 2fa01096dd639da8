import { Gauge } from "prom-client";
import { registry } from "./registry";

/** The job states reported per queue (BullMQ's names). */
export const QUEUE_STATES = ["waiting", "active", "delayed", "failed"] as const;

/**
 * The part of a BullMQ `Queue` the collector uses (kept structural so this package does not
 * depend on bullmq).
 */
export interface WatchedQueue {
  readonly name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
  /** With `asc = true`, index 0 is the oldest waiting job. */
  getJobs(
    types: string[],
    start: number,
    end: number,
    asc: boolean,
  ): Promise<Array<{ timestamp: number } | undefined>>;
}

/**
 * Jobs waiting to run sit in BullMQ's `wait` list or, with a priority (every document job: fair
 * scheduling between projects), in its `prioritized` set; both are reported as `waiting`.
 */
const WAITING = ["waiting", "prioritized"];
/** How many of the next jobs to run are looked at for the oldest waiting job's age. */
const OLDEST_SAMPLE = 100;

const watched: WatchedQueue[] = [];
let now = () => Date.now();

const jobs = new Gauge({
  name: "pagewise_queue_jobs",
  help: "Jobs in a queue by state (waiting, active, delayed, failed), read from Redis on every scrape.",
  labelNames: ["queue", "state"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      watched.map(async (queue) => {
        const counts = await queue.getJobCounts(...QUEUE_STATES, "prioritized").catch(() => null);
        // Redis away: report nothing rather than stale numbers (the gap itself is the signal).
        if (!counts) return;
        const waiting = WAITING.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
        for (const state of QUEUE_STATES) {
          this.set(
            { queue: queue.name, state },
            state === "waiting" ? waiting : (counts[state] ?? 0),
          );
        }
      }),
    );
  },
});

const oldestWaiting = new Gauge({
  name: "pagewise_queue_oldest_waiting_seconds",
  help: "Age of the oldest waiting job of a queue among the next 100 to run (0 when none waits), read on every scrape.",
  labelNames: ["queue"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      watched.map(async (queue) => {
        // The wait list is first in, first out: its head is its oldest. The prioritized set is
        // ordered by priority, so its oldest job is among the next to run only approximately:
        // the oldest of a sample of them (a whole scan on every scrape would cost too much).
        const next = await queue.getJobs(WAITING, 0, OLDEST_SAMPLE - 1, true).catch(() => null);
        if (!next) return;
        const stamps = next.flatMap((job) => (job ? [job.timestamp] : []));
        const timestamp = stamps.length > 0 ? Math.min(...stamps) : undefined;
        this.set(
          { queue: queue.name },
          timestamp === undefined ? 0 : Math.max(0, (now() - timestamp) / 1000),
        );
      }),
    );
  },
});

/**
 * Report these queues' depth on every scrape of this process's registry. One process per
 * installation is enough (the API does it); with several, dashboards take `max by (queue, state)`.
 */
export function watchQueues(queues: readonly WatchedQueue[], clock: () => number = Date.now): void {
  now = clock;
  for (const queue of queues) if (!watched.some((q) => q.name === queue.name)) watched.push(queue);
}

/** Stop reporting every watched queue (tests, shutdown). */
export function unwatchQueues(): void {
  watched.length = 0;
  jobs.reset();
  oldestWaiting.reset();
}
