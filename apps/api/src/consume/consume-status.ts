/** What `/readyz` shows of the consume folder. */
export interface ConsumeStatus {
  /** False when the folder is missing or not writable (the API then reports `degraded`). */
  ok: boolean;
  /** This process holds the consume lease and scans; false: another API process does, or Redis is away. */
  active: boolean;
  /** Why the folder cannot be consumed, when it cannot. */
  problem: string | null;
  /** The end of this process's last scan (ISO 8601), null before the first. */
  lastScanAt: string | null;
  /** Files waiting at the last scan: still being written, or not yet handled. */
  pending: number;
  /** Files this process handled since it started, by outcome. */
  consumed: number;
  duplicates: number;
  failed: number;
}
