import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import {
  datasetLayoutToLayout,
  initBackend,
  mapGroundTruth,
  saveModel,
  type TrainingDocument,
  trainClassifier,
} from "@pagewise/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocumentJson, readJson, upload, waitForTerminal } from "./support/documents";
import { createProject, putReview } from "./support/loop";
import { Platform, ROOT } from "./support/platform";
import { waitForVersionReady } from "./support/ui-models";

// The second invoice sits in a folder of its own: the zugferd fixture set keeps its two
// documents, which other tests count.
const FIXTURES = join(ROOT, "test/fixtures/zugferd");
const SECOND_FIXTURES = join(ROOT, "test/fixtures/vendor-memory");
// Two invoices of one vendor (Bei Spiel GmbH, Mustang samples) in the same template.
const FIRST = "mustang2__MustangGnuaccountingBeispielRE-20190610_507";
const SECOND = "mustang2__MustangGnuaccountingBeispielRE-20201121_508";
const folderOf = (stem: string) => (stem === SECOND ? SECOND_FIXTURES : FIXTURES);
const truthOf = (stem: string) =>
  readJson<{ fields: Record<string, string> }>(join(folderOf(stem), `gt/${stem}.json`)).fields;
const INVOICE_FIELDS = DEFAULT_LABEL_SCHEMA.categories.find((c) => c.name === "invoice")!.fields;

/** The committed real invoices and contracts, minus the fixtures (never trained on). */
function trainingDocuments(): TrainingDocument[] {
  const docs: TrainingDocument[] = [];
  for (const dataset of ["zugferd", "kleister_nda"]) {
    const dir = join(ROOT, "packages/models/test-data", dataset);
    const heldBack = new Set([
      ...readdirSync(join(ROOT, "test/fixtures", dataset, "gt")),
      `${SECOND}.json`,
    ]);
    for (const name of readdirSync(join(dir, "gt")).sort()) {
      if (heldBack.has(name)) continue;
      const layout = datasetLayoutToLayout(readJson(join(dir, "layout", name)));
      const doc = mapGroundTruth(
        readJson(join(dir, "gt", name)),
        layout,
        DEFAULT_LABEL_SCHEMA,
        name,
      );
      if (doc) docs.push(doc);
    }
  }
  return docs;
}

let classifierFiles: Record<string, Uint8Array>;

beforeAll(async () => {
  // A small real classifier (the extract stage needs a category); no extractor: every invoice
  // field a document gets here comes from the vendor memory.
  await initBackend();
  const classifier = await trainClassifier(trainingDocuments(), DEFAULT_LABEL_SCHEMA, { seed: 1 });
  classifierFiles = await saveModel(classifier);
});

describe.each(["sqlite", "postgres"] as const)("vendor memory on %s", (dialect) => {
  const platform = new Platform({ dialect });
  /** The committed classifier as the project's champion. */
  const useClassifier = async (project: string, token: string) => {
    const form = new FormData();
    for (const [name, bytes] of Object.entries(classifierFiles))
      form.append("file", new File([bytes], name));
    const res = await platform.request(
      `/v1/projects/${project}/models/classifier/versions`,
      { method: "POST", body: form },
      token,
    );
    expect(res.status, await res.clone().text()).toBe(201);
    await waitForVersionReady(platform, project, "classifier", 1, token);
    const promoted = await platform.request(
      `/v1/projects/${project}/models/classifier/aliases/champion`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: 1, reason: "trained on the committed subset" }),
      },
      token,
    );
    expect(promoted.status).toBe(200);
  };
  beforeAll(async () => {
    await platform.start();
    const settings = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { readEInvoices: false } }),
    });
    expect(settings.status).toBe(200);
    await useClassifier("default", platform.adminToken);
  });
  afterAll(() => platform.stop());

  const process = async (
    stem: string,
    project = { name: "default", token: platform.adminToken },
  ): Promise<DocumentJson> => {
    const [id] = await upload(platform, [join(folderOf(stem), `files/${stem}.pdf`)], {
      project: project.name,
      token: project.token,
    });
    return waitForTerminal(platform, id!, 120_000, project.name, project.token);
  };

  it("reads a new vendor's second invoice from memory once its first was reviewed", async () => {
    const before = await process(SECOND);
    expect(before.category?.name).toBe("invoice");
    expect(before.fields.find((f) => f.name === "invoice_number")).toBeUndefined();

    const first = await process(FIRST);
    const truth = truthOf(FIRST);
    await putReview(platform, { name: "default", token: platform.adminToken }, first.id, {
      category: "invoice",
      fields: INVOICE_FIELDS.filter((f) => truth[f.name] !== undefined).map((f) => ({
        name: f.name,
        value: truth[f.name]!,
      })),
      complete: true,
    });

    const after = await process(SECOND);
    const expected = truthOf(SECOND);
    const number = after.fields.find((f) => f.name === "invoice_number");
    expect(number).toMatchObject({
      value: expected.invoice_number,
      source: "memory",
      modelVersion: null,
    });
    expect(number!.tokenIds.length).toBeGreaterThan(0);
    expect(number!.confidence).toBeGreaterThan(0.5);
    expect(after.fields.find((f) => f.name === "total")?.normalized).toBe(expected.total);
  });

  it("leaves the memory out when the project turns it off", async () => {
    const off = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { vendorMemory: false } }),
    });
    expect(off.status).toBe(200);
    const doc = await process(SECOND);
    expect(doc.fields.filter((f) => f.source === "memory")).toEqual([]);
  });

  it("learns a supplier's template from its e-invoice, without a review", async () => {
    const project = await createProject(platform, "einvoice-memory");
    await useClassifier(project.name, project.token);
    const einvoice = await process(FIRST, project);
    expect(einvoice.fields.find((f) => f.name === "invoice_number")?.source).toBe("einvoice");
    // More e-invoices of the same template: three are remembered, the fourth adds nothing.
    for (let i = 0; i < 3; i++) await process(FIRST, project);
    const taught = await platform.db
      .selectFrom("vendor_memory")
      .select("document_id")
      .where("review_id", "=", "einvoice")
      .execute();
    expect(taught).toHaveLength(3);

    // The supplier's next invoice as a plain PDF: the project no longer reads the XML.
    const off = await platform.request(
      `/v1/projects/${project.name}`,
      {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ settings: { readEInvoices: false } }),
      },
      project.token,
    );
    expect(off.status).toBe(200);
    const plain = await process(SECOND, project);
    const expected = truthOf(SECOND);
    expect(plain.fields.find((f) => f.name === "invoice_number")).toMatchObject({
      value: expected.invoice_number,
      source: "memory",
    });
    expect(plain.fields.find((f) => f.name === "total")?.normalized).toBe(expected.total);

    // Operators see it: what taught the memory, and how many fields it gave.
    const metrics = await (
      await fetch(`http://127.0.0.1:${platform.workerMetricsPorts[0]}/metrics`)
    ).text();
    const value = (series: string) =>
      Number(new RegExp(`^${series} (\\S+)$`, "m").exec(metrics)?.[1] ?? Number.NaN);
    expect(value('pagewise_vendor_memory_learned_total\\{from="einvoice"\\}')).toBe(3);
    expect(value("pagewise_vendor_memory_fields_total")).toBeGreaterThanOrEqual(2);
  });
});
