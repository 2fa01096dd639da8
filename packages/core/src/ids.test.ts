import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes prefixed ids that sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 2000 }, () => newId("doc"));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^doc_[0-9a-z]{26}$/);
  });
});
