import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type PageItem, type Pagewise, unwrap } from "@pagewise/client";
import { connect } from "../api-client";
import { type Command, type CommandContext, UsageError } from "../command";

type ModelVersion = PageItem<"/v1/projects/{project}/models/{kind}/versions">;

const KINDS = ["classifier", "extractor"] as const;
type Kind = (typeof KINDS)[number];
const score = (v: ModelVersion) =>
  v.metrics?.macroF1 !== undefined
    ? `macro F1 ${v.metrics.macroF1.toFixed(3)}`
    : v.metrics?.accuracy !== undefined
      ? `accuracy ${v.metrics.accuracy.toFixed(3)}`
      : "not evaluated";

async function list(
  pagewise: Pagewise,
  project: string,
  { log, stdout }: CommandContext,
  json: boolean,
) {
  const rows: ModelVersion[] = [];
  for (const kind of KINDS) {
    const versions = pagewise.paginate("/v1/projects/{project}/models/{kind}/versions", {
      path: { project, kind },
      query: { limit: 500 },
    });
    for await (const v of versions) rows.push(v);
  }
  if (json) return stdout(`${JSON.stringify(rows)}\n`);
  for (const v of rows) {
    log(
      `${v.kind.padEnd(10)} v${String(v.version).padEnd(4)} ${v.status.padEnd(8)} ${score(v).padEnd(20)} ${v.aliases.join(",")}`,
    );
  }
}

async function history(
  pagewise: Pagewise,
  project: string,
  kind: Kind,
  { log, stdout }: CommandContext,
  json: boolean,
) {
  const items: PageItem<"/v1/projects/{project}/models/{kind}/aliases/history">[] = [];
  const moves = pagewise.paginate("/v1/projects/{project}/models/{kind}/aliases/history", {
    path: { project, kind },
    query: { limit: 500 },
  });
  for await (const m of moves) items.push(m);
  if (json) return stdout(`${JSON.stringify(items)}\n`);
  for (const m of items) {
    log(
      `${m.createdAt}  ${m.alias.padEnd(10)} v${m.fromVersion ?? "-"} → v${m.toVersion ?? "-"}  by ${m.actor}: ${m.reason}`,
    );
  }
}

/** The champion before the current one, from the alias history. */
async function previousChampion(pagewise: Pagewise, project: string, kind: Kind): Promise<number> {
  // The latest moves first: the last champion move is on the first page unless the
  // challenger moved 500 times since.
  const { items } = await unwrap(
    pagewise.api.GET("/v1/projects/{project}/models/{kind}/aliases/history", {
      params: { path: { project, kind }, query: { order: "desc", limit: 500 } },
    }),
  );
  const last = items.find((m) => m.alias === "champion");
  if (!last?.fromVersion)
    throw new UsageError(`no earlier ${kind} champion to roll back to; give --to N`);
  return last.fromVersion;
}

const SCORE_TIMEOUT_MS = 10 * 60_000;

/** Poll an uploaded version until the worker has scored it (`ready`) or refused it (`failed`). */
async function waitUntilScored(
  pagewise: Pagewise,
  project: string,
  kind: Kind,
  version: number,
): Promise<{ status: string; error?: string | null }> {
  const deadline = Date.now() + SCORE_TIMEOUT_MS;
  for (;;) {
    const v = await unwrap(
      pagewise.api.GET("/v1/projects/{project}/models/{kind}/versions/{version}", {
        params: { path: { project, kind, version } },
      }),
    );
    if (v.status !== "pending") return v;
    if (Date.now() > deadline) {
      throw new Error(`${kind} v${version} is still being scored; is a worker running?`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Register a model directory written by `pagewise train --out` (classifier/ + extractor/). */
async function push(
  pagewise: Pagewise,
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
    const v = await unwrap(
      pagewise.api.POST("/v1/projects/{project}/models/{kind}/versions", {
        params: { path: { project, kind } },
        // The form is sent as it is (openapi-fetch passes FormData through).
        body: form as never,
      }),
    );
    log(`${kind}: registered v${v.version} (${v.status})`);
    // An uploaded version is scored on the project's validation set before it can serve.
    const scored = await waitUntilScored(pagewise, project, kind, v.version);
    if (scored.status === "failed") {
      throw new Error(`${kind} v${v.version} was refused by the platform: ${scored.error ?? "?"}`);
    }
    log(`${kind}: v${v.version} is ${scored.status}`);
    if (promote) {
      await unwrap(
        pagewise.api.POST("/v1/projects/{project}/models/{kind}/aliases/champion", {
          params: { path: { project, kind } },
          body: { version: v.version, reason: `pushed from ${dir}` },
        }),
      );
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
    const pagewise = connect(context.env);
    const kind = (): Kind => {
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
        await list(pagewise, project, context, values.json);
        return 0;
      case "show": {
        const version = Number(values.version ?? Number.NaN);
        if (!Number.isInteger(version)) throw new UsageError("--version N is required");
        const v = await unwrap(
          pagewise.api.GET("/v1/projects/{project}/models/{kind}/versions/{version}", {
            params: { path: { project, kind: kind(), version } },
          }),
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
              : await previousChampion(pagewise, project, k);
        if (!Number.isInteger(version)) throw new UsageError("--version N is required");
        const move = await unwrap(
          pagewise.api.POST("/v1/projects/{project}/models/{kind}/aliases/champion", {
            params: { path: { project, kind: k } },
            body: { version, reason: reason() },
          }),
        );
        context.log(`${k} champion: v${move.fromVersion ?? "-"} → v${move.toVersion}`);
        return 0;
      }
      case "history":
        await history(pagewise, project, kind(), context, values.json);
        return 0;
      case "push":
        if (!values.model) throw new UsageError("--model DIR is required");
        await push(pagewise, project, values.model, values.promote, context);
        return 0;
      default:
        throw new UsageError(`unknown models action '${action ?? ""}'`);
    }
  },
};
