/** Where progress goes: stderr, redrawn in place when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** What is counted, e.g. `documents`. */
  unit: string;
  /** The expected count, when known (no bar, percentage or ETA without it). */
  total?: number | null;
  stream?: ProgressStream;
  /** Milliseconds between plain lines when the stream is not a terminal (default 5,000). */
  lineIntervalMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** `1:05`, `1:02:03`; `?` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/**
 * A count with its rate and ETA, for every long CLI command (import, train, export). On a
 * terminal it is a bar redrawn in place at most ten times a second; otherwise (a pipe, a log
 * file, CI) a plain line every few seconds, so logs stay readable. `done()` prints the final
 * line in both cases.
 */
export class Progress {
  private count = 0;
  private total: number | null;
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly lineIntervalMs: number;

  constructor(
    readonly label: string,
    private readonly options: ProgressOptions,
  ) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.lineIntervalMs = options.lineIntervalMs ?? 5_000;
    this.total = options.total ?? null;
    this.started = this.now();
  }

  /** Set or correct the expected count. */
  setTotal(total: number | null): void {
    this.total = total;
  }

  /** Count `n` more and redraw when it is time. */
  tick(n = 1): void {
    this.update(this.count + n);
  }

  /** A short text shown after the figures, e.g. the last epoch's loss. */
  note = "";

  /** Set the count (e.g. epoch 3 of 10). */
  update(count: number): void {
    this.count = count;
    const t = this.now();
    const interval = this.stream.isTTY ? REDRAW_MS : this.lineIntervalMs;
    if (t - this.lastDraw < interval) return;
    this.lastDraw = t;
    this.draw(false);
  }

  /** The final line: count, time taken and mean rate. */
  done(suffix = ""): void {
    this.draw(true, suffix);
  }

  /** The current line without drawing it (for tests and logs). */
  line(final = false): string {
    const elapsed = (this.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.count / elapsed : 0;
    const { unit } = this.options;
    const parts = [this.label];
    if (this.total !== null && this.total > 0) {
      const fraction = Math.min(1, this.count / this.total);
      if (this.stream.isTTY) {
        const filled = Math.round(fraction * BAR_WIDTH);
        parts.push(`[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`);
      }
      parts.push(`${this.count}/${this.total} ${unit}`, `${Math.floor(fraction * 100)}%`);
    } else {
      parts.push(`${this.count} ${unit}`);
    }
    parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`);
    if (final) parts.push(`in ${formatDuration(elapsed)}`);
    else if (this.total !== null && this.total > 0 && rate > 0) {
      parts.push(`ETA ${formatDuration(Math.max(0, this.total - this.count) / rate)}`);
    }
    if (this.note) parts.push(this.note);
    return parts.join("  ");
  }

  private draw(final: boolean, suffix = ""): void {
    const text = `${this.line(final)}${suffix}`;
    if (this.stream.isTTY) {
      const width = Math.max(20, (this.stream.columns ?? 80) - 1);
      this.stream.write(`\r\x1b[2K${text.slice(0, width)}${final ? "\n" : ""}`);
      this.drawn = !final;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  /** Before another message on the same stream: end the bar's line so the message is not mixed in. */
  interrupt(): void {
    if (this.drawn) {
      this.stream.write("\n");
      this.drawn = false;
      this.lastDraw = Number.NEGATIVE_INFINITY;
    }
  }
}
