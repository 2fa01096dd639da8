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
    expect(count(output, "reader memory limit raised")).toBe(1);
    // The first read past the limit replaced its thread and the idle one; none after that
    // (without the raised limit: one or two for each of the reads of six documents).
    expect(count(output, "reader thread recycled")).toBeLessThanOrEqual(2);
  });
});
