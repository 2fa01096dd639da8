import { describe, expect, it } from "vitest";
import { type FileObservation, StabilityCheck } from "./stability";

const scan = (entries: Record<string, FileObservation>) => new Map(Object.entries(entries));

describe("the stability check", () => {
  it("takes a file only once two scans in a row saw the same size and modification time", () => {
    const check = new StabilityCheck();
    expect(check.observe(scan({ "a.pdf": { size: 10, mtimeMs: 1 } }))).toEqual([]);
    expect(check.observe(scan({ "a.pdf": { size: 10, mtimeMs: 1 } }))).toEqual(["a.pdf"]);
  });

  it("waits while a file grows or is touched, and again after each change", () => {
    const check = new StabilityCheck();
    check.observe(scan({ "a.pdf": { size: 10, mtimeMs: 1 } }));
    expect(check.observe(scan({ "a.pdf": { size: 20, mtimeMs: 2 } }))).toEqual([]);
    // Rewritten to the same size: the modification time tells.
    expect(check.observe(scan({ "a.pdf": { size: 20, mtimeMs: 3 } }))).toEqual([]);
    expect(check.observe(scan({ "a.pdf": { size: 20, mtimeMs: 3 } }))).toEqual(["a.pdf"]);
  });

  it("judges each file on its own", () => {
    const check = new StabilityCheck();
    check.observe(scan({ "a.pdf": { size: 1, mtimeMs: 1 }, "p/b.pdf": { size: 1, mtimeMs: 1 } }));
    const stable = check.observe(
      scan({ "a.pdf": { size: 1, mtimeMs: 1 }, "p/b.pdf": { size: 2, mtimeMs: 2 } }),
    );
    expect(stable).toEqual(["a.pdf"]);
  });

  it("forgets a file that vanished or was handled: one that comes back waits anew", () => {
    const check = new StabilityCheck();
    check.observe(scan({ "a.pdf": { size: 1, mtimeMs: 1 } }));
    check.observe(scan({}));
    expect(check.observe(scan({ "a.pdf": { size: 1, mtimeMs: 1 } }))).toEqual([]);
    check.forget("a.pdf");
    expect(check.observe(scan({ "a.pdf": { size: 1, mtimeMs: 1 } }))).toEqual([]);
    expect(check.observe(scan({ "a.pdf": { size: 1, mtimeMs: 1 } }))).toEqual(["a.pdf"]);
  });
});
