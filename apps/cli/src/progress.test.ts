import { describe, expect, it } from "vitest";
import { formatDuration, Progress } from "./progress";

function capture(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 120, write: (text: string) => out.push(text) } };
}

describe("progress", () => {
  it("prints plain lines with count, rate and ETA at most every interval off a terminal", () => {
    let now = 0;
    const { out, stream } = capture(false);
    const p = new Progress("export", {
      unit: "documents",
      total: 1000,
      stream,
      lineIntervalMs: 5_000,
      now: () => now,
    });
    now = 1_000;
    p.tick(100); // first tick draws
    now = 2_000;
    p.tick(100); // too soon: nothing
    now = 6_500;
    p.tick(100);
    expect(out).toEqual([
      "export  100/1000 documents  10%  100/s  ETA 0:09\n",
      "export  300/1000 documents  30%  46/s  ETA 0:15\n",
    ]);
    now = 10_000;
    p.update(1000);
    p.done();
    expect(out.at(-1)).toBe("export  1000/1000 documents  100%  100/s  in 0:10\n");
    expect(out.join("")).not.toContain("\r");
  });

  it("redraws a bar in place on a terminal and ends its line when done", () => {
    let now = 0;
    const { out, stream } = capture(true);
    const p = new Progress("import", { unit: "files", total: 4, stream, now: () => now });
    now = 500;
    p.tick();
    now = 1_000;
    p.tick();
    expect(out[0]).toBe(
      `\r\x1b[2Kimport  [${"#".repeat(6)}${"-".repeat(18)}]  1/4 files  25%  2.0/s  ETA 0:02`,
    );
    expect(out[1]).toContain("2/4 files  50%");
    p.interrupt();
    expect(out.at(-1)).toBe("\n");
    p.done();
    expect(out.at(-1)!.endsWith("in 0:01\n")).toBe(true);
  });

  it("counts without a total when none is known", () => {
    const { out, stream } = capture(false);
    const p = new Progress("export", { unit: "rows", stream, now: () => 2_000 });
    p.tick(5);
    expect(out[0]).not.toMatch(/ETA|%/);
    expect(out[0]).toMatch(/^export {2}5 rows/);
  });

  it("formats durations", () => {
    expect(formatDuration(5)).toBe("0:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("?");
  });
});
