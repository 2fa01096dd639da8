import { Counter } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const failOpen = new Counter({
  name: "pagewise_rate_limit_fail_open_total",
  help: "API requests let through without rate limiting because Redis was not connected or too slow.",
  labelNames: [] as const,
  registers: [registry],
});

/** One request the limiter let through unchecked (Redis away): limits must not stop the API. */
export function recordRateLimitFailOpen(): void {
  if (!metricsEnabled()) return;
  failOpen.inc();
}
