import { Worker, type WorkerOptions } from "node:worker_threads";
import { PagewiseError } from "@pagewise/core";
import type { ReadRequest, ReadResponse } from "./read-protocol";

interface Task {
  request: ReadRequest;
  timeoutMs: number;
  /** Work nobody waits for (a page image made ahead of time): yields to every other request. */
  background: boolean;
  resolve: (value: unknown) => void;
  reject: (error: PagewiseError) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Content keys of the documents this thread was last given (it keeps them open). */
  recent: string[];
  /** Requests answered since the thread started. */
  served: number;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export interface PoolStats {
  /** Threads started (ready or still loading). */
  threads: number;
  ready: number;
  /** Threads answering a request, and how many of those requests are background ones. */
  busy: number;
  busyInBackground: number;
  /** Requests waiting for a thread. */
  waiting: number;
  /**
   * The RSS (bytes) above which threads are replaced now: the configured limit, or the raised
   * one while the process stays past it without used threads. Infinite without a limit.
   */
  memoryLimitBytes: number;
}

/** As many as a thread keeps open (PDF_CACHE_SIZE in page-reader.ts). */
const RECENT_KEYS = 4;

/** Consecutive threads dying before they are ready: the thread code cannot load; stop trying. */
const MAX_START_FAILURES = 3;

/**
 * Above a raised memory limit, room for the threads before they are replaced again: the floor is
 * measured with the replaced threads gone and their replacements not loaded yet, so the room holds
 * the new threads' own start (~140 MB each) and their reading.
 */
const MIN_RAISED_HEADROOM_BYTES = 512 * 1024 * 1024;

/**
 * A fixed-size pool of reader threads, one request at a time per thread. A request that runs over
 * its time limit gets `read_timeout` and its thread is terminated (the only way to stop a
 * synchronous loop in pdf.js or a codec) and replaced; a thread that crashes is replaced too, so
 * one bad document never takes the pool down. When the process has grown past its memory limit,
 * the thread that just answered and the idle ones are replaced (pdf.js, the canvas and tesseract keep what they once
 * needed; ending the thread is what gives it back). Idle threads do not keep the process alive.
 */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private startFailures = 0;
  private closed = false;
  /**
   * The RSS above which threads are replaced: `maxRssBytes`, or more while the process stays
   * past it with no used thread alive (see `checkFloor`).
   */
  private rssLimit: number;

  constructor(
    private readonly size: number,
    private readonly filename: URL,
    private readonly options: WorkerOptions,
    /**
     * When the process's resident memory is above this after a request, the thread that served
     * it is replaced: what pdf.js, the canvas and tesseract grew to goes back with the thread.
     */
    private readonly maxRssBytes = Number.POSITIVE_INFINITY,
    /** Told each time a thread is replaced for memory (the process's RSS then, bytes). */
    private readonly onRecycle: (rssBytes: number) => void = () => {},
    /** A thread is replaced after answering this many requests. */
    private readonly maxTasksPerThread = Number.POSITIVE_INFINITY,
    /**
     * Start every thread now and a replacement as soon as one is removed, instead of when a
     * request finds none free: a thread takes 1–3 s to load pdf.js, sharp and tesseract, which a
     * document would otherwise wait for.
     */
    private readonly keepWarm = false,
    /**
     * Told when the process stays past `maxRssBytes` after its used threads were replaced: the
     * memory is not the threads', so replacing them again would only slow reading. `limit` is
     * the raised limit, which holds until the process is back under `maxRssBytes`.
     */
    private readonly onLimitRaised: (floorBytes: number, limitBytes: number) => void = () => {},
  ) {
    this.rssLimit = maxRssBytes;
    this.fill();
  }

  /** With `keepWarm`, start threads up to the pool's size (not while threads fail to start). */
  private fill(): void {
    if (!this.keepWarm || this.closed || this.startFailures >= MAX_START_FAILURES) return;
    while (this.slots.length < this.size) this.spawn();
  }

  /**
   * Run one request on the next free thread. A `background` request waits while any other
   * request waits, and background requests together hold at most all threads but one (with one
   * thread, that one): a document being read never waits behind more than one page image.
   */
  run(request: ReadRequest, timeoutMs: number, options: { background?: boolean } = {}) {
    if (this.closed)
      return Promise.reject(new PagewiseError("unavailable", "The reader is closed"));
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({
        request,
        timeoutMs,
        background: options.background ?? false,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** What the pool is doing now: for health and metrics, and for tests to watch it. */
  stats(): PoolStats {
    return {
      threads: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.task).length,
      busyInBackground: this.slots.filter((s) => s.task?.background).length,
      waiting: this.queue.length,
      memoryLimitBytes: this.rssLimit,
    };
  }

  /** The next request a free thread may take: the oldest foreground one, else a background one. */
  private nextTask(): Task | undefined {
    const foreground = this.queue.findIndex((t) => !t.background);
    if (foreground >= 0) return this.queue.splice(foreground, 1)[0];
    const busyInBackground = this.slots.filter((s) => s.task?.background).length;
    if (busyInBackground >= Math.max(1, this.size - 1)) return undefined;
    return this.queue.shift();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.filter((s) => s.ready && !s.task);
      if (idle.length > 0) {
        const task = this.nextTask();
        if (!task) return;
        // Prefer the thread that has this document open: reopening a PDF costs 60–90 ms.
        const key = "key" in task.request ? task.request.key : undefined;
        this.assign(
          idle.find((s) => key !== undefined && s.recent.includes(key)) ?? idle[0]!,
          task,
        );
        continue;
      }
      const starting = this.slots.filter((s) => !s.ready).length;
      if (this.slots.length < this.size && starting < this.queue.length) {
        this.spawn();
        continue;
      }
      return;
    }
  }

  private spawn(): void {
    const worker = new Worker(this.filename, this.options);
    const slot: Slot = { worker, ready: false, recent: [], served: 0 };
    this.slots.push(slot);
    worker.unref();
    worker.on("message", (message: ReadResponse | "ready") => {
      if (message === "ready") {
        slot.ready = true;
        this.startFailures = 0;
      } else {
        this.settle(slot, message);
        const rss = process.memoryUsage.rss();
        if (rss <= this.maxRssBytes) this.rssLimit = this.maxRssBytes;
        if (++slot.served >= this.maxTasksPerThread) {
          // What pdf.js and the canvas keep grows with every document a thread has seen (fonts,
          // caches, a fragmented heap): a thread that served its share is replaced before that
          // adds up, whatever the process's RSS says. Cheap: a new thread is ready in ~0.2 s.
          void this.remove(slot);
        } else if (rss > this.rssLimit) {
          // This thread and every idle one: which of them holds the memory is not known.
          const ended: Promise<number>[] = [];
          for (const idle of this.slots.filter((s) => s === slot || (s.ready && !s.task))) {
            ended.push(this.remove(idle));
            this.onRecycle(rss);
          }
          void this.checkFloor(ended);
        }
      }
      this.pump();
    });
    worker.on("error", (error) => this.lose(slot, error));
    worker.on("exit", (code) =>
      this.lose(slot, new Error(`reader thread exited with code ${code}`)),
    );
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    if ("key" in task.request) {
      const key = task.request.key;
      slot.recent = [key, ...slot.recent.filter((k) => k !== key)].slice(0, RECENT_KEYS);
    }
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.finish(slot)?.reject(
        new PagewiseError("read_timeout", `Reading took longer than ${task.timeoutMs} ms`),
      );
      void this.remove(slot);
      this.pump();
    }, task.timeoutMs);
    slot.worker.postMessage(task.request);
  }

  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return task;
  }

  private settle(slot: Slot, response: ReadResponse): void {
    const task = this.finish(slot);
    if (!task) return;
    if (response.ok) task.resolve(response.value);
    else {
      const { code, message, details } = response.error;
      task.reject(new PagewiseError(code, message, details));
    }
  }

  /** A thread died (crash, out of memory, failed start): fail its request, replace it. */
  private lose(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return;
    this.finish(slot)?.reject(
      new PagewiseError("page_unreadable", `The reader thread crashed: ${error.message}`),
    );
    // Counted before the replacement starts: a thread that cannot load is not restarted forever.
    if (!slot.ready) this.startFailures++;
    void this.remove(slot);
    if (!slot.ready && this.startFailures >= MAX_START_FAILURES) {
      for (const task of this.queue.splice(0)) {
        task.reject(new PagewiseError("internal", `Reader threads cannot start: ${error.message}`));
      }
    }
    this.pump();
  }

  /**
   * Once the replaced threads have ended, with no other thread that has read anything alive: a
   * process still past `maxRssBytes` holds that memory elsewhere (the worker's own heap, its
   * caches), and replacing threads after every request would not bring it down — it would only
   * make every read wait for a new thread (a loop seen at 1.6–1.9 GB that slowed reading 20×).
   * The limit then rises above what is left, until the process is back under `maxRssBytes`.
   * With another used thread alive, that thread may hold the memory: nothing is concluded.
   */
  private async checkFloor(ended: Promise<number>[]): Promise<void> {
    await Promise.all(ended);
    if (this.closed || this.slots.some((s) => s.served > 0 || s.task)) return;
    const floor = process.memoryUsage.rss();
    if (floor <= this.maxRssBytes) return;
    this.rssLimit = floor + Math.max(MIN_RAISED_HEADROOM_BYTES, this.maxRssBytes / 2);
    this.onLimitRaised(floor, this.rssLimit);
  }

  /** Take a thread out of the pool and end it; resolves once it has exited. */
  private remove(slot: Slot): Promise<number> {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    const ended = slot.worker.terminate().catch(() => 0);
    this.fill();
    return ended;
  }

  /** Stop accepting work, let threads release their engines, then end them. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.reject(new PagewiseError("unavailable", "The reader was closed"));
    }
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        this.finish(slot)?.reject(new PagewiseError("unavailable", "The reader was closed"));
        const exited = new Promise((resolve) => slot.worker.once("exit", resolve));
        slot.worker.postMessage("close");
        const timer = setTimeout(() => void slot.worker.terminate(), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
