import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_LABEL_SCHEMA, findCategory, type ProjectSettings } from "@pagewise/core";
import { comparisonKey } from "@pagewise/models";
import type { DatasetDocument } from "./datasets";
import { type DocumentJson, waitForTerminal } from "./documents";
import { type PlatformClient, sleep } from "./platform";

export interface ProjectHandle {
  name: string;
  token: string;
}

/** Create a project as the instance admin; answers its admin token. */
export async function createProject(
  platform: PlatformClient,
  name: string,
  settings: Partial<ProjectSettings> = {},
): Promise<ProjectHandle> {
  const res = await platform.request("/v1/projects", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, settings }),
  });
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { adminToken: { token: string } };
  return { name, token: body.adminToken.token };
}

/** Upload one dataset document with its own layout (and, for imports, its labels). */
export async function uploadDatasetDocument(
  platform: PlatformClient,
  project: ProjectHandle,
  doc: DatasetDocument,
  labels?: {
    category: string;
    fields: { name: string; value: string }[];
    split?: "train" | "validation";
  },
): Promise<string> {
  const form = new FormData();
  form.append("file", new File([readFileSync(doc.file)], basename(doc.file)));
  if (doc.layout) form.append("layout", JSON.stringify(doc.layout));
  if (labels) form.append("labels", JSON.stringify(labels));
  const res = await platform.request(
    `/v1/projects/${project.name}/documents`,
    { method: "POST", body: form },
    project.token,
  );
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
}

export async function waitAll(platform: PlatformClient, project: ProjectHandle, ids: string[]) {
  const docs: DocumentJson[] = [];
  for (const id of ids)
    docs.push(await waitForTerminal(platform, id, 180_000, project.name, project.token));
  return docs;
}

export async function putReview(
  platform: PlatformClient,
  project: ProjectHandle,
  id: string,
  body: {
    category?: string;
    fields: { name: string; value: string; tokenIds?: string[] }[];
    complete: boolean;
    split?: "train" | "validation";
  },
): Promise<void> {
  const res = await platform.request(
    `/v1/projects/${project.name}/documents/${id}/review`,
    { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    project.token,
  );
  if (res.status !== 200) throw new Error(`review: ${res.status} ${await res.text()}`);
}

export interface TrainingRunJson {
  id: string;
  status: string;
  trigger: string;
  outcome: {
    classifier?: { version: number; promoted: boolean };
    extractor?: { version: number; promoted: boolean };
  } | null;
  error: string | null;
  progress: { stage: string; message: string };
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export async function listRuns(
  platform: PlatformClient,
  project: ProjectHandle,
): Promise<TrainingRunJson[]> {
  const res = await platform.request(
    `/v1/projects/${project.name}/training-runs`,
    {},
    project.token,
  );
  return ((await res.json()) as { items: TrainingRunJson[] }).items;
}

export async function startTraining(
  platform: PlatformClient,
  project: ProjectHandle,
): Promise<TrainingRunJson> {
  const res = await platform.request(
    `/v1/projects/${project.name}/models/train`,
    { method: "POST" },
    project.token,
  );
  if (res.status !== 202) throw new Error(`train: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { run: TrainingRunJson }).run;
}

export async function waitForRun(
  platform: PlatformClient,
  project: ProjectHandle,
  id: string,
  timeoutMs = 300_000,
): Promise<TrainingRunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await platform.request(
      `/v1/projects/${project.name}/training-runs/${id}`,
      {},
      project.token,
    );
    const run = (await res.json()) as TrainingRunJson;
    if (run.status === "succeeded" || run.status === "failed") return run;
    if (Date.now() > deadline)
      throw new Error(`run ${id} still ${run.status}: ${run.progress.message}`);
    await sleep(300);
  }
}

/** Wait until a retraining newer than `after` exists (started by the scheduler), then until it ends. */
export async function waitForNextRun(
  platform: PlatformClient,
  project: ProjectHandle,
  knownRunIds: ReadonlySet<string>,
  timeoutMs = 300_000,
): Promise<TrainingRunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = (await listRuns(platform, project)).find((r) => !knownRunIds.has(r.id));
    if (fresh) return waitForRun(platform, project, fresh.id, Math.max(1, deadline - Date.now()));
    if (Date.now() > deadline) throw new Error("no retraining started");
    await sleep(300);
  }
}

/**
 * Macro F1 of predicted fields against ground truth over documents of one category, comparing
 * normalized values the way the models' evaluation does (`comparisonKey`).
 */
export function scoreFields(
  category: string,
  pairs: { predicted: DocumentJson; truth: DatasetDocument }[],
): { macroF1: number; fields: Record<string, number> } {
  const def = findCategory(DEFAULT_LABEL_SCHEMA, category)!;
  const fields: Record<string, number> = {};
  for (const field of def.fields) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { predicted, truth } of pairs) {
      const gt = truth.fields[field.name];
      const want = new Set(
        (Array.isArray(gt) ? gt : gt ? [gt] : []).map((v) => comparisonKey(field, v)),
      );
      const got = new Set(
        predicted.fields
          .filter((f) => f.name === field.name)
          .map((f) => comparisonKey(field, f.value)),
      );
      for (const k of got) want.has(k) ? tp++ : fp++;
      for (const k of want) if (!got.has(k)) fn++;
    }
    if (tp + fp + fn === 0) continue;
    fields[field.name] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  const values = Object.values(fields);
  return { macroF1: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), fields };
}
