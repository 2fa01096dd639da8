import type { Platform } from "./platform";

/**
 * Register an extractor version from artifact files. The registry stores them as they are; use it
 * only in a project that never processes a document, so no worker ever loads these weights.
 */
export async function registerVersion(
  platform: Platform,
  project: string,
  token: string,
  seed: number,
): Promise<void> {
  const form = new FormData();
  const files: Record<string, string> = {
    "model.json": JSON.stringify({ format: "ui-test" }),
    "weights.bin": `weights ${seed}`,
    "metadata.json": JSON.stringify({
      kind: "extractor",
      documents: 10 + seed,
      seed,
      codeVersion: "ui-test",
    }),
  };
  for (const [name, text] of Object.entries(files)) form.append("file", new File([text], name));
  const res = await platform.request(
    `/v1/projects/${project}/models/extractor/versions`,
    { method: "POST", body: form },
    token,
  );
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
}

/** Create a project as the instance admin; answers its first admin token. */
export async function createProjectAdmin(platform: Platform, name: string): Promise<string> {
  const res = await platform.request("/v1/projects", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`project answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
}
