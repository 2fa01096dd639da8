import type { FlowJob } from "bullmq";
import { describe, expect, it } from "vitest";
import { buildDocumentFlow } from "./flows";

function names(job: FlowJob): string[] {
  return [job.name, ...(job.children ?? []).flatMap(names)];
}

describe("the document flow", () => {
  const flow = buildDocumentFlow({
    documentId: "doc_f",
    run: 1,
    pageIndexes: [0, 1],
    prefix: "p",
  });

  it("never waits for page images: rendering is not a job of the flow", () => {
    expect(names(flow)).not.toContain("page.render");
    expect(names(flow)).toEqual([
      "document.finalize",
      "document.extract",
      "document.classify",
      "page.read",
      "page.read",
    ]);
  });

  it("makes classification wait for the reading of every page and nothing else", () => {
    const classify = flow.children![0]!.children![0]!;
    expect(classify.name).toBe("document.classify");
    expect(classify.children?.map((c) => [c.name, c.data.pageIndex])).toEqual([
      ["page.read", 0],
      ["page.read", 1],
    ]);
  });
});
