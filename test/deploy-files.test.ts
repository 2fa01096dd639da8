/**
 * The deploy files (deploy/docker, deploy/compose.yaml, deploy/k8s) cannot be run here: no image
 * registry is reachable, so no image is ever built. This checks them statically, against the
 * code: every YAML file parses; every variable an app needs is set for it; every variable set
 * is one some app reads (typos); probe paths and ports answer on a real API and worker; the
 * entrypoint's roles name real files and commands.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EnvSchema as ApiEnvSchema } from "@pagewise/api/env";
import { COMMANDS } from "@pagewise/cli";
import { EnvSchema as CliEnvSchema } from "@pagewise/cli/env";
import { METRIC_CONTRACT } from "@pagewise/metrics";
import { FAIR_QUEUES, QUEUES } from "@pagewise/queue";
import { EnvSchema as WorkerEnvSchema } from "@pagewise/worker/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { freePort, Platform, ROOT } from "./support/platform";

const DEPLOY = join(ROOT, "deploy");
type Role = "api" | "worker" | "migrate";
/** What this check uses of an app's zod schema. */
interface EnvSchema {
  shape: Record<string, { safeParse(value: unknown): { success: boolean } }>;
  safeParse(value: unknown): { success: boolean; error?: { message: string } };
}
const SCHEMAS: Record<Role, EnvSchema> = {
  api: ApiEnvSchema,
  worker: WorkerEnvSchema,
  migrate: CliEnvSchema,
};
/**
 * Read below the apps, not by a Pagewise schema: the AWS SDK's standard credentials, and glibc's
 * malloc (`MALLOC_ARENA_MAX`, read when a process starts).
 */
const READ_BY_LIBRARIES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "MALLOC_ARENA_MAX"];
/**
 * What a deployment must set although the schema has a default: the defaults suit one box
 * (SQLite in ./data, Redis on loopback, a key file generated per host, migrating at start,
 * listening on loopback), not containers on several hosts.
 */
const DEPLOYMENT_NEEDS: Record<Role, string[]> = {
  api: ["DATABASE_URL", "REDIS_URL", "PAGEWISE_MASTER_KEY", "PAGEWISE_AUTO_MIGRATE", "HOST"],
  worker: ["DATABASE_URL", "REDIS_URL", "PAGEWISE_MASTER_KEY", "PAGEWISE_AUTO_MIGRATE", "HOST"],
  migrate: ["DATABASE_URL"],
};

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Doc = any;
function parseYaml(file: string): Doc[] {
  return parseAllDocuments(readFileSync(file, "utf8"), { merge: true }).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]?.message}`);
    return d.toJS();
  });
}

/** The variables a schema cannot do without (no default, not optional). */
function requiredBy(schema: EnvSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

const knownNames = new Set([
  ...Object.values(SCHEMAS).flatMap((s) => Object.keys(s.shape)),
  ...READ_BY_LIBRARIES,
]);

/** What one Pagewise process of a deploy file gets: its role, its variables, its probes. */
interface Process {
  where: string;
  role: Role;
  env: Record<string, string>;
  /** HTTP probes: a path on a port (the container's). */
  probes: { path: string; port: number }[];
  ports: number[];
}

function composeProcesses(): Process[] {
  const [compose] = parseYaml(join(DEPLOY, "compose.yaml"));
  return Object.entries(compose.services as Record<string, Doc>)
    .filter(([, s]) => s.build?.dockerfile === "deploy/docker/Dockerfile")
    .map(([name, s]) => {
      const env = Object.fromEntries(
        Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const probes = [];
      const test = (s.healthcheck?.test ?? []).join(" ");
      for (const m of test.matchAll(/http:\/\/127\.0\.0\.1:(\d+)(\/[a-z]+)/g)) {
        probes.push({ port: Number(m[1]), path: m[2] as string });
      }
      return { where: `compose ${name}`, role: s.command[0], env, probes, ports: [] };
    });
}

function k8sProcesses(): Process[] {
  const docs = filesUnder(join(DEPLOY, "k8s"), /\.ya?ml$/).flatMap((file) =>
    parseYaml(file).map((doc) => ({ doc, file: relative(ROOT, file) })),
  );
  const configData = (name: string, file: string): Record<string, string> => {
    // The base's ConfigMap with the patches of the overlay the manifest is in, if any.
    const maps = docs.filter(
      ({ doc, file: f }) =>
        doc?.kind === "ConfigMap" &&
        doc.metadata.name === name &&
        (f.includes("/base/") ||
          f.split("/overlays/")[1]?.split("/")[0] === file.split("/overlays/")[1]?.split("/")[0]),
    );
    return Object.assign({}, ...maps.map(({ doc }) => doc.data));
  };
  const processes: Process[] = [];
  for (const { doc, file } of docs) {
    const spec = doc?.spec?.template?.spec;
    if (!spec?.containers) continue;
    for (const c of spec.containers as Doc[]) {
      if (c.image !== "pagewise") continue;
      const env: Record<string, string> = {};
      for (const from of c.envFrom ?? []) {
        Object.assign(env, configData(from.configMapRef.name, file));
      }
      for (const e of c.env ?? [])
        env[e.name] = e.value ?? `<secret ${e.valueFrom?.secretKeyRef?.key}>`;
      const probes = ["readinessProbe", "livenessProbe", "startupProbe"]
        .map((p) => c[p]?.httpGet)
        .filter(Boolean)
        .map((g) => ({ path: g.path, port: Number(g.port) }));
      processes.push({
        where: `${file} ${doc.kind} ${doc.metadata.name}`,
        role: c.args[0],
        env,
        probes,
        ports: (c.ports ?? []).map((p: Doc) => p.containerPort),
      });
    }
  }
  return processes;
}

/** The port a role's process listens on, with this environment. */
function listenPort(p: Process): number | undefined {
  if (p.role === "api") return Number(p.env.PORT ?? ApiEnvSchema.shape.PORT.parse(undefined));
  if (p.role === "worker") {
    return Number(
      p.env.PAGEWISE_WORKER_METRICS_PORT ??
        WorkerEnvSchema.shape.PAGEWISE_WORKER_METRICS_PORT.parse(undefined),
    );
  }
  return undefined;
}

const entrypoint = readFileSync(join(DEPLOY, "docker/entrypoint.sh"), "utf8");
/** The entrypoint's roles and the command each runs (`role) exec …`). */
const ROLES = new Map(
  [...entrypoint.matchAll(/^\s+([a-z]+)\) exec (.+?) ;;$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]),
);

describe("the deploy files", () => {
  const processes = [...composeProcesses(), ...k8sProcesses()];

  it("every YAML file under deploy/ parses", () => {
    const files = filesUnder(DEPLOY, /\.ya?ml$/);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(() => parseYaml(file), file).not.toThrow();
  });

  it("cover API, worker and migration in compose and in Kubernetes", () => {
    const seen = processes.map(
      (p) => `${p.where.startsWith("compose") ? "compose" : "k8s"} ${p.role}`,
    );
    for (const role of ["api", "worker", "migrate"]) {
      expect(seen).toContain(`compose ${role}`);
      expect(seen).toContain(`k8s ${role}`);
    }
  });

  it("set every variable an app's schema requires, and what a deployment needs", () => {
    for (const p of processes) {
      const needed = [...requiredBy(SCHEMAS[p.role]), ...DEPLOYMENT_NEEDS[p.role]];
      for (const name of needed) expect(p.env, `${p.where}: ${name}`).toHaveProperty([name]);
      if (p.role !== "migrate") {
        expect(p.env.PAGEWISE_AUTO_MIGRATE, p.where).toBe("off");
        expect(p.env.HOST, p.where).toBe("0.0.0.0");
      }
      // The values must pass the app's own schema (secrets stand in as placeholders).
      const values = Object.fromEntries(
        Object.entries(p.env).filter(([, v]) => !v.startsWith("<secret") && !v.includes("${")),
      );
      const parsed = SCHEMAS[p.role].safeParse(values);
      expect(parsed.success, `${p.where}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("set no variable that no app reads (a typo would be silently ignored)", () => {
    for (const p of processes) {
      for (const name of Object.keys(p.env))
        expect(knownNames, `${p.where}: ${name}`).toContain(name);
    }
    const dockerEnv = /^ENV ([\s\S]+?)\n(?!\s)/m.exec(
      readFileSync(join(DEPLOY, "docker/Dockerfile"), "utf8"),
    );
    const names = [...(dockerEnv?.[1] ?? "").matchAll(/([A-Z_]+)=/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect(knownNames, `Dockerfile ENV ${name}`).toContain(name);
  });

  it("give the entrypoint roles it has, which run files and commands that exist", () => {
    expect([...ROLES.keys()]).toEqual(expect.arrayContaining(["api", "worker", "migrate"]));
    for (const p of processes) expect(ROLES.has(p.role), p.where).toBe(true);
    for (const [role, command] of ROLES) {
      const entry = /apps\/[a-z]+\/src\/main\.ts/.exec(command)?.[0];
      expect(entry, role).toBeDefined();
      expect(existsSync(join(ROOT, entry as string)), `${role}: ${entry}`).toBe(true);
      const cliCommand = /main\.ts ([a-z]+)/.exec(command)?.[1];
      if (cliCommand) expect(COMMANDS.map((c) => c.name)).toContain(cliCommand);
    }
    expect(spawnSync("sh", ["-n", join(DEPLOY, "docker/entrypoint.sh")]).status).toBe(0);
    const dockerfile = readFileSync(join(DEPLOY, "docker/Dockerfile"), "utf8");
    expect(dockerfile).toContain(
      "COPY deploy/docker/entrypoint.sh /usr/local/bin/pagewise-entrypoint",
    );
    expect(dockerfile).toMatch(
      /^ENTRYPOINT \["\/usr\/bin\/tini", "--", "\/usr\/local\/bin\/pagewise-entrypoint"\]$/m,
    );
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(
      /^FROM node:20-bookworm-slim|^ARG NODE_IMAGE=node:20-bookworm-slim$/m,
    );
    // The pnpm of package.json, and workspace packages and scripts that exist.
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(dockerfile).toContain(`npm i -g ${manifest.packageManager}`);
    const web = JSON.parse(readFileSync(join(ROOT, "apps/web/package.json"), "utf8"));
    expect(dockerfile).toContain(`pnpm --filter ${web.name} build`);
    expect(web.scripts.build).toBeDefined();
    const ocr = JSON.parse(readFileSync(join(ROOT, "packages/ocr/package.json"), "utf8"));
    for (const lang of dockerfile.match(/'eng','deu'/) ? ["eng", "deu"] : []) {
      expect(ocr.dependencies).toHaveProperty([`@tesseract.js-data/${lang}`]);
    }
  });

  it("scale workers on queues that exist, counted where their jobs wait", () => {
    const scaled = filesUnder(join(DEPLOY, "k8s"), /\.ya?ml$/)
      .flatMap(parseYaml)
      .filter((d) => d?.kind === "ScaledObject");
    expect(scaled.length).toBeGreaterThan(0);
    const [config] = parseYaml(join(DEPLOY, "k8s/base/configmap.yaml"));
    const prefix = config.data.PAGEWISE_QUEUE_PREFIX;
    const queueGauge = METRIC_CONTRACT.find((m) => m.name === "pagewise_queue_jobs");
    expect(queueGauge?.labels).toEqual(["queue", "state"]);
    for (const object of scaled) {
      const counted: string[] = [];
      for (const trigger of object.spec.triggers) {
        if (trigger.type === "prometheus") {
          // Fair queues hold their waiting jobs in BullMQ's prioritized set: the API's gauge.
          const match = /^sum\(pagewise_queue_jobs\{queue="(\w+)",state="waiting"[^}]*\}\)$/.exec(
            trigger.metadata.query,
          );
          expect(match, trigger.metadata.query).not.toBeNull();
          expect([...FAIR_QUEUES]).toContain(match![1]);
          counted.push(match![1]!);
        } else {
          expect(trigger.type).toBe("redis");
          const [p, queue, list] = trigger.metadata.listName.split(":");
          expect(p).toBe(prefix);
          expect(list).toBe("wait");
          // A plain list counts nothing for a fair queue: its jobs are prioritized.
          expect([...FAIR_QUEUES]).not.toContain(queue);
          expect(Object.values(QUEUES)).toContain(queue);
          counted.push(queue);
        }
      }
      expect(counted.sort()).toEqual(["pipeline", "reading", "training"]);
    }
  });

  it("run Redis as BullMQ needs it and start API and workers after the migration", () => {
    const [compose] = parseYaml(join(DEPLOY, "compose.yaml"));
    const redis = compose.services.redis.command.join(" ");
    expect(redis).toContain("--appendonly yes");
    expect(redis).toContain("--maxmemory-policy noeviction");
    for (const name of ["api", "worker"]) {
      expect(compose.services[name].depends_on.migrate.condition).toBe(
        "service_completed_successfully",
      );
    }
    // Scalable: nothing that two replicas cannot both have.
    expect(compose.services.worker.ports).toBeUndefined();
    expect(compose.services.worker.container_name).toBeUndefined();
    for (const volume of Object.values(compose.services as Record<string, Doc>).flatMap(
      (s) => s.volumes ?? [],
    )) {
      const source = String(volume).split(":")[0] as string;
      expect(source.startsWith(".") || source in compose.volumes, String(volume)).toBe(true);
    }
    // No secret in the example env file: every value is empty or says to change it.
    const example = readFileSync(join(DEPLOY, ".env.example"), "utf8");
    for (const line of example.split("\n").filter((l) => /^[A-Z_]+=/.test(l))) {
      const [name, value] = line.split("=") as [string, string];
      if (/PASSWORD|SECRET|KEY$|TOKEN/.test(name) && name !== "S3_ACCESS_KEY") {
        expect(value === "" || value.startsWith("change-me"), line).toBe(true);
      }
    }
  });

  describe("probes, against a real API and worker", () => {
    const platform = new Platform({ startWorker: true });
    beforeAll(() => platform.start());
    afterAll(() => platform.stop());

    it("answer 200 on the paths and ports the deploy files use", async () => {
      const probed = processes.filter((p) => p.probes.length > 0);
      expect(probed.map((p) => p.role)).toEqual(expect.arrayContaining(["api", "worker"]));
      for (const p of probed) {
        const port = listenPort(p);
        for (const probe of p.probes) {
          expect(probe.port, `${p.where} ${probe.path}`).toBe(port);
          if (p.ports.length > 0) expect(p.ports, p.where).toContain(port);
          const base =
            p.role === "api"
              ? platform.baseUrl
              : `http://127.0.0.1:${platform.workerMetricsPorts[0]}`;
          const res = await fetch(base + probe.path);
          expect(res.status, `${p.where}: GET ${probe.path}`).toBe(200);
        }
      }
    });

    it("the image's HEALTHCHECK passes on the API and on a worker, and fails when neither answers", async () => {
      const dockerfile = readFileSync(join(DEPLOY, "docker/Dockerfile"), "utf8");
      expect(dockerfile).toContain(
        "COPY deploy/docker/healthcheck.mjs /usr/local/lib/pagewise-healthcheck.mjs",
      );
      expect(dockerfile).toMatch(/CMD \["node", "\/usr\/local\/lib\/pagewise-healthcheck\.mjs"\]/);
      const check = (env: Record<string, string>) =>
        spawnSync(process.execPath, [join(DEPLOY, "docker/healthcheck.mjs")], {
          env: { PATH: process.env.PATH ?? "", ...env },
        }).status;
      const apiPort = new URL(platform.baseUrl).port;
      const closed = String(await freePort());
      const workerPort = String(platform.workerMetricsPorts[0]);
      expect(check({ PORT: apiPort, PAGEWISE_WORKER_METRICS_PORT: closed })).toBe(0);
      expect(check({ PORT: closed, PAGEWISE_WORKER_METRICS_PORT: workerPort })).toBe(0);
      expect(check({ PORT: closed, PAGEWISE_WORKER_METRICS_PORT: closed })).toBe(1);
    });
  });
});
