import { describe, expect, it } from "vitest";
import type { ApiDeps } from "../context";
import { healthRoutes } from "./health";

function readyz(checks: Awaited<ReturnType<ApiDeps["checkReady"]>>) {
  return healthRoutes({ checkReady: async () => checks }).request("/readyz");
}

describe("/readyz", () => {
  it("is ready when the S3 bucket answers, and not ready when it does not", async () => {
    const up = await readyz({ database: true, redis: true, objectStore: true });
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({
      status: "ready",
      database: true,
      redis: true,
      objectStore: true,
    });
    const down = await readyz({ database: true, redis: true, objectStore: false });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "not_ready", objectStore: false });
  });

  it("leaves the object store out with local blobs", async () => {
    const local = await readyz({ database: true, redis: true });
    expect(local.status).toBe(200);
    expect(await local.json()).toEqual({ status: "ready", database: true, redis: true });
  });
});
