import { PagewiseError } from "@pagewise/core";

/** The monitoring window when none is asked for. */
export const DEFAULT_MONITORING_WINDOW = "7d";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A window: minutes, hours or days, at most 365 days. */
export const WINDOW_PATTERN = /^([1-9][0-9]{0,5})([mhd])$/;

/** `7d`, `24h`, `30m` → milliseconds. */
export function parseWindow(window: string): number {
  const match = WINDOW_PATTERN.exec(window);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!Number.isFinite(ms) || ms > 365 * UNIT_MS.d) {
    throw new PagewiseError(
      "validation_failed",
      `Window '${window}' is not a duration like 30m, 24h or 7d (at most 365d).`,
    );
  }
  return ms;
}
