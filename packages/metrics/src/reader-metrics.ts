import { Gauge } from "prom-client";
import { metricsEnabled, registry } from "./registry";

/** The reader pool's state as `DocumentReader.stats()` reports it (structural: no OCR import). */
export interface ReaderPoolStats {
  threads: number;
  ready: number;
  busy: number;
  busyInBackground: number;
  waiting: number;
  /** The RSS above which reader threads are replaced now (raised when the memory is not theirs). */
  memoryLimitBytes: number;
}

/** The `state` label of `pagewise_reader_threads`. */
export const READER_THREAD_STATES = ["started", "ready", "busy", "busy_background"] as const;

let source: (() => ReaderPoolStats) | undefined;

const threads = new Gauge({
  name: "pagewise_reader_threads",
  help: "Reader threads of this worker: started (ready or loading), ready, busy (answering a request), busy_background (of those, rendering page images ahead of time).",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    const stats = source?.();
    if (!stats) return;
    threads.set({ state: "started" }, stats.threads);
    threads.set({ state: "ready" }, stats.ready);
    threads.set({ state: "busy" }, stats.busy);
    threads.set({ state: "busy_background" }, stats.busyInBackground);
  },
});

const waiting = new Gauge({
  name: "pagewise_reader_waiting_requests",
  help: "Read and render requests of this worker waiting for a free reader thread.",
  registers: [registry],
  collect() {
    const stats = source?.();
    if (stats) waiting.set(stats.waiting);
  },
});

const memoryLimit = new Gauge({
  name: "pagewise_reader_memory_limit_bytes",
  help: "The worker's resident memory above which its reader threads are replaced after a read: PAGEWISE_READER_MAX_RSS_MB, or higher while the worker stays past it without reader threads (the memory is not theirs).",
  registers: [registry],
  collect() {
    const stats = source?.();
    if (stats && Number.isFinite(stats.memoryLimitBytes)) memoryLimit.set(stats.memoryLimitBytes);
  },
});

/** Report the reader pool's state on every scrape (the worker calls this once at start). */
export function watchReaderPool(stats: () => ReaderPoolStats): void {
  if (!metricsEnabled()) return;
  source = stats;
  for (const state of READER_THREAD_STATES) threads.set({ state }, 0);
  waiting.set(0);
  const limit = stats().memoryLimitBytes;
  if (Number.isFinite(limit)) memoryLimit.set(limit);
}
