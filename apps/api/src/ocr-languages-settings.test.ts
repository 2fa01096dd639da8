import { randomBytes } from "node:crypto";
import { getProjectByName } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface ProjectJson {
  settings: { ocrLanguages: string[] | null; confidenceThreshold: number };
}

describe.each(TEST_DIALECTS)("ocrLanguages settings on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  const json = (body: unknown, token = t.adminToken) => ({
    headers: { ...t.auth(token), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  /** Project admin tokens by project name (the instance admin's token is the default's). */
  const tokens = new Map<string, string>();
  const patch = (name: string, settings: unknown) =>
    t.app.request(`/v1/projects/${name}`, {
      method: "PATCH",
      ...json({ settings }, tokens.get(name)),
    });
  const newProject = async (settings?: unknown) => {
    const name = `ocr-${randomBytes(4).toString("hex")}`;
    const res = await t.app.request("/v1/projects", {
      method: "POST",
      ...json({ name, settings }),
    });
    if (res.status === 201) {
      const body = (await res.clone().json()) as { adminToken: { token: string } };
      tokens.set(name, body.adminToken.token);
    }
    return { name, res };
  };

  it("is null (the instance default) until set, then stored and answered as set", async () => {
    const { name, res } = await newProject();
    expect(res.status).toBe(201);
    expect(((await res.json()) as { project: ProjectJson }).project.settings.ocrLanguages).toBe(
      null,
    );
    const changed = await patch(name, { ocrLanguages: ["eng", "deu"] });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(((await changed.json()) as ProjectJson).settings.ocrLanguages).toEqual(["eng", "deu"]);
    const stored = await getProjectByName(t.db, name);
    expect(stored?.settings.ocrLanguages).toEqual(["eng", "deu"]);
    // Other settings keep their values; null goes back to the instance default.
    expect(stored?.settings.confidenceThreshold).toBe(0.8);
    expect((await patch(name, { ocrLanguages: null })).status).toBe(200);
    expect((await getProjectByName(t.db, name))?.settings.ocrLanguages).toBe(null);
  });

  it("refuses a language whose data is not installed with unsupported_ocr_language", async () => {
    const { name } = await newProject({ ocrLanguages: ["fra"] });
    const res = await patch(name, { ocrLanguages: ["eng", "jpn"] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("unsupported_ocr_language");
    expect(body.error.details).toEqual({ unsupported: ["jpn"], available: ["eng", "deu", "fra"] });
    expect(body.error.message).toContain('"jpn"');
    // Nothing changed.
    expect((await getProjectByName(t.db, name))?.settings.ocrLanguages).toEqual(["fra"]);
    // Creating a project with one is refused the same way, and creates nothing.
    const created = await newProject({ ocrLanguages: ["klingon"] });
    expect(created.res.status).toBe(400);
    expect(((await created.res.json()) as ErrorJson).error.code).toBe("validation_failed");
    const unknown = await newProject({ ocrLanguages: ["tlh"] });
    expect(unknown.res.status).toBe(400);
    expect(((await unknown.res.json()) as ErrorJson).error.code).toBe("unsupported_ocr_language");
    expect(await getProjectByName(t.db, unknown.name)).toBeNull();
  });

  it("refuses a malformed list as a validation error", async () => {
    const { name } = await newProject();
    for (const ocrLanguages of [
      [],
      ["eng", "eng"],
      "eng",
      ["ENG"],
      ["eng", "deu", "fra", "ita", "spa"],
    ]) {
      const res = await patch(name, { ocrLanguages });
      expect(res.status, JSON.stringify(ocrLanguages)).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe("validation_failed");
    }
  });
});
