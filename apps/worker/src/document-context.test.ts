import { describe, expect, it } from "vitest";
import { type DocumentContext, DocumentContexts } from "./document-context";

const context = (): DocumentContext => ({ project: null, pages: [], results: {} });

describe("DocumentContexts", () => {
  it("gives an entry only to the stage right after the one that kept it, in the same run", () => {
    const contexts = new DocumentContexts();
    const kept = context();
    contexts.put("doc_a", 1, "classify", kept);
    expect(contexts.take("doc_a", 1, "classify")).toMatchObject(kept);
    // Another stage's predecessor, another run, another document: load from the database.
    expect(contexts.take("doc_a", 1, "ingest")).toBeUndefined();
    expect(contexts.take("doc_a", 1, "extract")).toBeUndefined();
    expect(contexts.take("doc_a", 2, "classify")).toBeUndefined();
    expect(contexts.take("doc_b", 1, "classify")).toBeUndefined();
    contexts.put("doc_a", 1, "extract", kept);
    expect(contexts.take("doc_a", 1, "classify")).toBeUndefined();
    contexts.drop("doc_a");
    expect(contexts.take("doc_a", 1, "extract")).toBeUndefined();
  });

  it("keeps at most its bound, dropping the least recently kept", () => {
    const contexts = new DocumentContexts(2);
    contexts.put("doc_1", 1, "ingest", context());
    contexts.put("doc_2", 1, "ingest", context());
    contexts.put("doc_1", 1, "classify", context());
    contexts.put("doc_3", 1, "ingest", context());
    expect(contexts.size).toBe(2);
    expect(contexts.take("doc_2", 1, "ingest")).toBeUndefined();
    expect(contexts.take("doc_1", 1, "classify")).toBeDefined();
    expect(contexts.take("doc_3", 1, "ingest")).toBeDefined();
  });
});
