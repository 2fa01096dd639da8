// The image's HEALTHCHECK: alive when the API's /healthz (PORT) or a worker's /healthz
// (PAGEWISE_WORKER_METRICS_PORT) answers 200 on loopback. One image runs both, and a check does
// not see the entrypoint's role, so it asks both ports.
const ports = [process.env.PORT ?? "8080", process.env.PAGEWISE_WORKER_METRICS_PORT ?? "9464"];
for (const port of ports) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(4000),
    });
    if (res.status === 200) process.exit(0);
  } catch {}
}
process.exit(1);
