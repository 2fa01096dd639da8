import { cpus, loadavg } from "node:os";

/**
 * The JSON every bench prints with --json: one object whose `figures` are named measures, each
 * with what it is compared with. `ratio` is value / baseline: for rates (higher is better) the
 * baseline is what Pagewise is measured against (raw pdf.js, bare hono, one worker); for
 * latencies and sizes (lower is better) it is the target, so a ratio <= 1 meets it.
 */
export interface Figure {
  value: number;
  baseline: number | null;
  ratio: number | null;
  unit: string;
  /** Whether the target of docs/benchmarks.md is met (absent: no target). */
  meets?: boolean;
  note?: string;
}

export interface BenchReport {
  bench: string;
  /** Machine conditions the figures were measured under. */
  machine: { cpus: number; loadavg: number[]; node: string; at: string };
  options: Record<string, unknown>;
  figures: Record<string, Figure>;
}

/** A figure; `ratio` from value and baseline. */
export function figure(
  value: number,
  baseline: number | null,
  unit: string,
  extra: { meets?: boolean; note?: string } = {},
): Figure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    value: round(value),
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    unit,
    ...extra,
  };
}

/** The report of one bench, with the machine's conditions at the end of its run. */
export function report(
  bench: string,
  options: Record<string, unknown>,
  figures: Record<string, Figure>,
): BenchReport {
  return {
    bench,
    machine: {
      cpus: cpus().length,
      loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
      node: process.version,
      at: new Date().toISOString(),
    },
    options,
    figures,
  };
}

/** With --json: the report as one line on stdout (the runner collects it); the tables go to stderr. */
export function printReport(json: boolean, r: BenchReport): void {
  if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
}

/**
 * With --json, everything a bench logs (its tables, progress) goes to stderr, so that its stdout
 * is exactly the one JSON line `printReport` writes.
 */
export function jsonMode(json: boolean): void {
  if (json) console.log = console.error;
}

/** The p-th percentile (0..100) of `xs`, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}
