/** What one scan saw of a file. */
export interface FileObservation {
  size: number;
  mtimeMs: number;
}

/**
 * Tells completely written files from ones still being written: a file is stable when two scans
 * in a row saw the same size and modification time. A file the scans no longer see is
 * forgotten, so one that comes back is watched afresh.
 */
export class StabilityCheck {
  private seen = new Map<string, FileObservation>();

  /** Record one scan (every file it saw); answers the files unchanged since the scan before. */
  observe(files: ReadonlyMap<string, FileObservation>): string[] {
    const stable: string[] = [];
    const next = new Map<string, FileObservation>();
    for (const [path, now] of files) {
      const before = this.seen.get(path);
      if (before && before.size === now.size && before.mtimeMs === now.mtimeMs) stable.push(path);
      next.set(path, { size: now.size, mtimeMs: now.mtimeMs });
    }
    this.seen = next;
    return stable;
  }

  /** Forget a file (handled, or moved away): if a file by its name comes again it waits anew. */
  forget(path: string): void {
    this.seen.delete(path);
  }
}
