import { open, rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { PagewiseError } from "@pagewise/core";
import { connect } from "../api-client";
import { type Command, UsageError } from "../command";
import { Progress } from "../progress";

const FORMATS = ["csv", "jsonl"] as const;
const STATUSES = [
  "queued",
  "processing",
  "processed",
  "needs_review",
  "reviewed",
  "failed",
] as const;

/**
 * Counts records in a CSV (RFC 4180: a line break inside quotes is part of a cell) or JSON Lines
 * stream, chunk by chunk.
 */
export class RecordCounter {
  private inQuotes = false;
  records = 0;

  constructor(private readonly format: "csv" | "jsonl") {}

  /** Records completed by this chunk. */
  add(chunk: Uint8Array): number {
    let n = 0;
    for (const byte of chunk) {
      if (byte === 0x22 && this.format === "csv") this.inQuotes = !this.inQuotes;
      else if (byte === 0x0a && !this.inQuotes) n++;
    }
    this.records += n;
    return n;
  }
}

export const exportCommand: Command = {
  name: "export",
  summary: "export a project's documents and their values as CSV or JSON Lines",
  usage:
    "pagewise export --project P --format csv|jsonl --out FILE|-\n" +
    "               [--status S] [--category C] [--from DATE] [--to DATE] [--include-confidence] [--bom]\n" +
    "  DATE: YYYY-MM-DD or an ISO-8601 date-time; --from inclusive, --to exclusive\n" +
    "  (PAGEWISE_URL, PAGEWISE_TOKEN: any token of the project)",
  async run(args, { log, env, stdout }) {
    const { values } = parseArgs({
      args,
      options: {
        project: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        status: { type: "string" },
        category: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        "include-confidence": { type: "boolean", default: false },
        bom: { type: "boolean", default: false },
      },
      strict: true,
    });
    if (!values.project) throw new UsageError("--project is required");
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError("--format is csv or jsonl");
    if (!values.out) throw new UsageError("--out FILE is required (- for stdout)");
    if (values.status && !(STATUSES as readonly string[]).includes(values.status)) {
      throw new UsageError(`--status is one of ${STATUSES.join(", ")}`);
    }
    if (values.bom && format !== "csv") throw new UsageError("--bom is for --format csv");
    const query = {
      ...(values.status ? { status: values.status as (typeof STATUSES)[number] } : {}),
      ...(values.category ? { category: values.category } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values["include-confidence"] ? { includeConfidence: "true" as const } : {}),
      ...(values.bom ? { bom: "true" as const } : {}),
    };

    const pagewise = connect(env);
    const toStdout = values.out === "-";
    const target = toStdout ? "" : resolve(values.out);
    // Written next to the target and renamed at the end: an export that breaks off never leaves
    // a complete-looking file behind.
    const partial = `${target}.partial`;
    // Opened before anything is read: a folder that does not exist fails at once, in one line.
    const file = toStdout ? null : await open(partial, "w");
    const sink = file
      ? file.createWriteStream()
      : new Writable({
          write(chunk: Buffer, _encoding, done) {
            stdout(chunk.toString("utf8"));
            done();
          },
        });
    let failure: Error | null = null;
    sink.on("error", (error: Error) => {
      failure = error;
    });
    let exported: { total: number | null; body: ReadableStream<Uint8Array> };
    try {
      exported = await pagewise.documents.export({ project: values.project, format, ...query });
    } catch (error) {
      sink.destroy();
      if (!toStdout) await rm(partial, { force: true });
      throw error;
    }
    const total = exported.total;
    const progress = new Progress("export", { unit: "documents", total });
    const counter = new RecordCounter(format);
    // The CSV header line is a record too.
    const documents = () => Math.max(0, counter.records - (format === "csv" ? 1 : 0));
    const written = new Promise<void>((ok) => sink.once("close", ok).once("finish", ok));
    try {
      for await (const chunk of exported.body as unknown as AsyncIterable<Uint8Array>) {
        const n = counter.add(chunk);
        if (!sink.write(chunk)) await new Promise<void>((ok) => sink.once("drain", () => ok()));
        if (n > 0) progress.update(documents());
      }
      sink.end();
      await written;
      if (failure) throw failure;
    } catch (error) {
      sink.destroy();
      if (!toStdout) await rm(partial, { force: true });
      if (error instanceof PagewiseError || (error as NodeJS.ErrnoException).syscall) throw error;
      throw new PagewiseError(
        "unavailable",
        `The export broke off after ${documents()} documents (${(error as Error).message}); ` +
          (toStdout ? "the output is incomplete." : "nothing was written."),
      );
    }
    progress.done();
    if (!toStdout) await rename(partial, target);
    const count = documents();
    log(`exported ${count} documents to ${toStdout ? "stdout" : values.out}`);
    if (total !== null && count !== total) {
      log(`(${total} were counted when the export started; documents came or went meanwhile)`);
    }
    return 0;
  },
};
