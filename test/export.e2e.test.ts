import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type ProjectHandle } from "./support/loop";
import { Platform, residentBytes } from "./support/platform";
import { REVIEWED_EVERY, seedDocuments } from "./support/seed-documents";

const DOCUMENTS = 10_000;
const MB = 1024 * 1024;

describe("exporting 10,000 documents through the running API", () => {
  const platform = new Platform({ startWorker: false });
  let project: ProjectHandle;
  const ids: string[] = [];

  beforeAll(async () => {
    await platform.start();
    project = await createProject(platform, "exports");
    const started = performance.now();
    ids.push(...(await seedDocuments(platform, "exports", DOCUMENTS)));
    console.log(
      `seeded ${DOCUMENTS} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // The values are ciphertext in the database, as the platform stores them.
    const raw = await platform.db
      .selectFrom("document_results")
      .select("data")
      .where("document_id", "=", ids[0]!)
      .execute();
    expect(raw.length).toBe(2);
    for (const row of raw) expect(row.data.startsWith("enc:v1:d:")).toBe(true);
  });
  afterAll(() => platform.stop());

  it("streams every document as CSV while the API's memory stays bounded", async () => {
    const pid = platform.apiPid()!;
    const before = residentBytes(pid);
    let peak = before;
    const res = await platform.request(
      "/v1/projects/exports/exports/documents.csv?includeConfidence=true",
      {},
      project.token,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("pagewise-total-count")).toBe(String(DOCUMENTS));
    const decoder = new TextDecoder();
    let text = "";
    let chunks = 0;
    for await (const chunk of res.body!) {
      text += decoder.decode(chunk, { stream: true });
      if (++chunks % 5 === 0) peak = Math.max(peak, residentBytes(pid));
    }
    text += decoder.decode();
    const after = residentBytes(pid);
    peak = Math.max(peak, after);
    console.log(
      `API RSS before ${(before / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, ` +
        `after ${(after / MB).toFixed(0)} MB; ${chunks} chunks, ${(text.length / MB).toFixed(1)} MB of CSV`,
    );
    // Generous: the point is that 10,000 documents never sit in memory at once.
    expect(peak - before).toBeLessThan(100 * MB);

    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(DOCUMENTS);
    // Every document exactly once, oldest first (insertion order within equal timestamps is
    // not promised, so compare as sets and check the order by createdAt).
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    const times = rows.map((r) => r.createdAt ?? "");
    expect(times).toEqual([...times].sort());
    const byName = new Map(rows.map((r) => [r.filename, r]));
    expect(byName.get("receipt-00007.pdf")).toMatchObject({
      status: "processed",
      category: "receipt",
      source: "prediction",
      company: 'Kedai 00007, Sdn "Bhd"',
      company_confidence: "0.8",
      total: "7.50",
      total_confidence: "0.6",
      date: "",
    });
    expect(byName.get(`receipt-${String(DOCUMENTS - 10).padStart(5, "0")}.pdf`)).toMatchObject({
      status: "reviewed",
      source: "review",
      company: `'=Reviewed ${String(DOCUMENTS - 10).padStart(5, "0")}`,
      company_confidence: "",
      total: "",
    });
    expect(rows.filter((r) => r.source === "review")).toHaveLength(DOCUMENTS / REVIEWED_EVERY);
  });

  it("exports the same documents as JSON Lines with the list's filters", async () => {
    const res = await platform.request(
      "/v1/projects/exports/exports/documents.jsonl?status=reviewed",
      {},
      project.token,
    );
    expect(res.headers.get("pagewise-total-count")).toBe(String(DOCUMENTS / REVIEWED_EVERY));
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(DOCUMENTS / REVIEWED_EVERY);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ status: "reviewed", source: "review" });
    expect(first.fields.company).toMatch(/^=Reviewed \d{5}$/);
  });
});
