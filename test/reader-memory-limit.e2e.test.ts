import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

const FILES = ["AmazonWebServices.pdf", "FlipkartInvoice.pdf"].map(
  (name) => `${ROOT}/test/fixtures/invoice2data/files/${name}`,
);

/** How many times the worker logged `message` (one JSON line per log). */
const count = (output: string, message: string) =>
  output.split("\n").filter((line) => line.includes(`"msg":"${message}`)).length;

describe("a worker whose reader memory limit is below its own size", () => {
  // 64 MiB: an idle worker alone is several times that, with or without reader threads.
  const platform = new Platform({ workerEnv: { PAGEWISE_READER_MAX_RSS_MB: "64" } });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("raises the limit once and reads on, instead of replacing reader threads after every read", async () => {
    const ids = await upload(platform, [...FILES, ...FILES, ...FILES]);
    for (const id of ids) {
      expect((await waitForTerminal(platform, id)).status).toBe("needs_review");
    }
    const output = platform.workerOutput();
    // Raised once (twice at most, if the new threads outgrow the room it leaves), and threads
    // replaced only before each raise (without the rule: no raise, and one or two replacements
    // for each of the reads of six documents).
    const raised = count(output, "reader memory limit raised");
    expect(raised).toBeGreaterThanOrEqual(1);
    expect(raised).toBeLessThanOrEqual(2);
    expect(count(output, "reader thread recycled")).toBeLessThanOrEqual(2 * raised);
    // An operator sees it in the worker's metrics: the limit in force is above the 64 MiB set,
    // by at least the 512 MiB of room it adds.
    const metrics = await (
      await fetch(`http://127.0.0.1:${platform.workerMetricsPorts[0]}/metrics`)
    ).text();
    const limit = Number(/^pagewise_reader_memory_limit_bytes (\S+)$/m.exec(metrics)?.[1]);
    expect(limit).toBeGreaterThanOrEqual((64 + 512) * 1024 * 1024);
  });
});
