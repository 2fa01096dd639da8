import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Platform } from "./support/platform";

/**
 * The finding: 300 bad-token requests in one second all got 401 with nothing slowing
 * them. Through the real API process (limits from the environment, counters in Redis).
 */
describe("rate limits in the running API", () => {
  const platform = new Platform({
    startWorker: false,
    apiEnv: {
      PAGEWISE_RATE_LIMIT_AUTH_FAILURES: "20",
      PAGEWISE_RATE_LIMIT_REQUESTS_PER_TOKEN: "1000",
    },
  });
  beforeAll(() => platform.start(), 90_000);
  afterAll(() => platform.stop());

  const get = (token: string) =>
    fetch(`${platform.baseUrl}/v1/projects/default/documents`, {
      headers: { Authorization: `Bearer ${token}` },
    });

  it("refuses most of 300 bad-token requests in a burst with 429, and still serves the admin", async () => {
    // The admin works from this address before the storm…
    expect((await get(platform.adminToken)).status).toBe(200);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => get(`pw_guess_${i}_${"x".repeat(30)}`)),
    );
    const ms = performance.now() - started;
    const statuses = answers.map((r) => r.status);
    const refused = answers.filter((r) => r.status === 429);
    console.log(
      `300 bad tokens in ${Math.round(ms)} ms: ${statuses.filter((s) => s === 401).length} × 401, ${refused.length} × 429`,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(refused).toHaveLength(280);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    // …and keeps working, with its own budget in the headers.
    const admin = await get(platform.adminToken);
    expect(admin.status).toBe(200);
    expect(admin.headers.get("ratelimit-limit")).toBe("1000");
    expect(Number(admin.headers.get("ratelimit-remaining"))).toBeLessThan(1000);
  });
});
