import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ApiClient } from "../api-client";
import { type Command, type CommandContext, UsageError } from "../command";

interface VersionJson {
  kind: string;
  version: number;
  status: string;
  aliases: string[];
  createdAt: string;
  lineage: Record<string, unknown>;
  metrics: { macroF1?: number; accuracy?: number; documents: number } | null;
  gateReport: { passed: boolean; reasons: string[] } | null;
}
interface MoveJson {
  alias: string;
  fromVersion: number | null;
  toVersion: number | null;
  actor: string;
  reason: string;
  createdAt: string;
}

const KINDS = ["classifier", "extractor"] as const;
const score = (v: VersionJson) =>
  v.metrics?.macroF1 !== undefined
    ? `macro F1 ${v.metrics.macroF1.toFixed(3)}`
    : v.metrics?.accuracy !== undefined
      ? `accuracy ${v.metrics.accuracy.toFixed(3)}`
      : "not evaluated";

async function list(
  api: ApiClient,
  project: string,
  { log, stdout }: CommandContext,
  json: boolean,
) {
  const rows: VersionJson[] = [];
  for (const kind of KINDS) {
    rows.push(
      ...(
        await api.get<{ items: VersionJson[] }>(`/v1/projects/${project}/models/${kind}/versions`)
      ).items,
    );
  }
  if (json) return stdout(`${JSON.stringify(rows)}\n`);
  for (const v of rows) {
    log(
      `${v.kind.padEnd(10)} v${String(v.version).padEnd(4)} ${v.status.padEnd(8)} ${score(v).padEnd(20)} ${v.aliases.join(",")}`,
    );
  }
}

async function history(
  api: ApiClient,
  project: string,
  kind: string,
  { log, stdout }: CommandContext,
  json: boolean,
) {
  const { items } = await api.get<{ items: MoveJson[] }>(
    `/v1/projects/${project}/models/${kind}/aliases/history`,
  );
  if (json) return stdout(`${JSON.stringify(items)}\n`);
  for (const m of items) {
    log(
      `${m.createdAt}  ${m.alias.padEnd(10)} v${m.fromVersion ?? "-"} → v${m.toVersion ?? "-"}  by ${m.actor}: ${m.reason}`,
    );
  }
}

/** The champion before the current one, from the alias history. */
async function previousChampion(api: ApiClient, project: string, kind: string): Promise<number> {
  const { items } = await api.get<{ items: MoveJson[] }>(
    `/v1/projects/${project}/models/${kind}/aliases/history`,
  );
  const last = items.filter((m) => m.alias === "champion").at(-1);
  if (!last?.fromVersion)
    throw new UsageError(`no earlier ${kind} champion to roll back to; give --to N`);
  return last.fromVersion;
}

/** Register a model directory written by `pagewise train --out` (classifier/ + extractor/). */
async function push(
  api: ApiClient,
  project: string,
  dir: string,
  promote: boolean,
  { log }: CommandContext,
) {
  for (const kind of KINDS) {
    const form = new FormData();
    for (const name of await readdir(join(dir, kind))) {
      form.append("file", new File([await readFile(join(dir, kind, name))], name));
    }
    const v = await api.upload<VersionJson>(
      `/v1/projects/${project}/models/${kind}/versions`,
      form,
    );
    log(`${kind}: registered v${v.version}`);
    if (promote) {
      await api.post(`/v1/projects/${project}/models/${kind}/aliases/champion`, {
        version: v.version,
        reason: `pushed from ${dir}`,
      });
      log(`${kind}: v${v.version} is champion`);
    }
  }
}

export const modelsCommand: Command = {
  name: "models",
  summary: "list, show, promote, roll back, history, push: the project's model registry",
  usage:
    "pagewise models list --project P [--json]\n" +
    "       pagewise models show --project P --kind K --version N\n" +
    "       pagewise models promote --project P --kind K --version N --reason TEXT\n" +
    "       pagewise models rollback --project P --kind K [--to N] --reason TEXT\n" +
    "       pagewise models history --project P --kind K [--json]\n" +
    "       pagewise models push --project P --model DIR [--promote]\n" +
    "  (PAGEWISE_URL, PAGEWISE_TOKEN; promote, rollback and push need an admin token)",
  async run(args, context) {
    const [action, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        project: { type: "string" },
        kind: { type: "string" },
        version: { type: "string" },
        to: { type: "string" },
        reason: { type: "string" },
        model: { type: "string" },
        promote: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    const project = values.project;
    if (!project) throw new UsageError("--project is required");
    const api = new ApiClient(context.env.PAGEWISE_URL, context.env.PAGEWISE_TOKEN);
    const kind = () => {
      if (values.kind !== "classifier" && values.kind !== "extractor") {
        throw new UsageError("--kind is classifier or extractor");
      }
      return values.kind;
    };
    const reason = () => {
      if (!values.reason)
        throw new UsageError("--reason is required (it is kept in the alias history)");
      return values.reason;
    };
    switch (action) {
      case "list":
        await list(api, project, context, values.json);
        return 0;
      case "show": {
        if (!values.version) throw new UsageError("--version is required");
        const v = await api.get<VersionJson>(
          `/v1/projects/${project}/models/${kind()}/versions/${values.version}`,
        );
        context.stdout(`${JSON.stringify(v, null, 2)}\n`);
        return 0;
      }
      case "promote":
      case "rollback": {
        const k = kind();
        const version =
          action === "promote"
            ? Number(values.version ?? Number.NaN)
            : values.to
              ? Number(values.to)
              : await previousChampion(api, project, k);
        if (!Number.isInteger(version)) throw new UsageError("--version N is required");
        const move = await api.post<MoveJson>(
          `/v1/projects/${project}/models/${k}/aliases/champion`,
          {
            version,
            reason: reason(),
          },
        );
        context.log(`${k} champion: v${move.fromVersion ?? "-"} → v${move.toVersion}`);
        return 0;
      }
      case "history":
        await history(api, project, kind(), context, values.json);
        return 0;
      case "push":
        if (!values.model) throw new UsageError("--model DIR is required");
        await push(api, project, values.model, values.promote, context);
        return 0;
      default:
        throw new UsageError(`unknown models action '${action ?? ""}'`);
    }
  },
};
