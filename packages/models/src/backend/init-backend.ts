import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";

/** TensorFlow.js backends in order of preference: native, WebAssembly, plain JavaScript. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface InitBackendOptions {
  /** Backends to try, in order (default: tensorflow, wasm, cpu). */
  prefer?: readonly BackendName[];
  /** Where to report the choice, once, in words (default: nothing). */
  log?: (message: string) => void;
}

let chosen: Promise<BackendName> | undefined;

async function tryBackend(name: BackendName): Promise<void> {
  if (name === "tensorflow") {
    // Optional: not a dependency, and its install script fails offline. A variable specifier
    // keeps bundlers and the type checker from resolving it.
    const specifier = "@tensorflow/tfjs-node";
    await import(specifier);
  } else if (name === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const require = createRequire(import.meta.url);
    const dist = join(
      dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")),
      "dist",
    );
    wasm.setWasmPaths(`${dist}/`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
}

/**
 * Choose and initialize the TensorFlow.js backend once per thread (each worker thread has its
 * own): `@tensorflow/tfjs-node` when it is installed and loads, else wasm, else cpu. Later calls
 * return the same choice. Call before training or predicting.
 *
 * @example const backend = await initBackend({ log: (m) => logger.info(m) }); // "wasm"
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  chosen ??= (async () => {
    const skipped: SkippedBackend[] = [];
    for (const name of options.prefer ?? (["tensorflow", "wasm", "cpu"] as const)) {
      try {
        await tryBackend(name);
        options.log?.(describeBackendChoice(name, skipped));
        return name;
      } catch (error) {
        skipped.push({ name, error });
      }
    }
    throw new Error(`no TensorFlow.js backend could be initialized (${describeSkipped(skipped)})`);
  })();
  chosen.catch(() => {
    chosen = undefined;
  });
  return chosen;
}

interface SkippedBackend {
  name: BackendName;
  error: unknown;
}

/** tfjs-node missing is the normal case (it cannot install offline): not worth a warning. */
function isMissingPackage(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === "ERR_MODULE_NOT_FOUND" ||
    e?.code === "MODULE_NOT_FOUND" ||
    /Cannot find (package|module)/.test(e?.message ?? "")
  );
}

function describeSkipped(skipped: readonly SkippedBackend[]): string {
  return skipped
    .map(({ name, error }) =>
      name === "tensorflow" && isMissingPackage(error)
        ? "tfjs-node is not installed; it is optional"
        : `${name === "tensorflow" ? "tfjs-node" : name} did not load: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
    )
    .join("; ");
}

/**
 * The one line that says which backend runs, in words, and why the ones before it were passed
 * over. @example "TensorFlow.js backend: wasm (tfjs-node is not installed; it is optional)"
 */
export function describeBackendChoice(
  name: BackendName,
  skipped: readonly SkippedBackend[],
): string {
  const label = name === "tensorflow" ? "tensorflow (tfjs-node, native)" : name;
  return skipped.length === 0
    ? `TensorFlow.js backend: ${label}`
    : `TensorFlow.js backend: ${label} (${describeSkipped(skipped)})`;
}

/** The backend in use (after `initBackend`). */
export function currentBackend(): string {
  return tf.getBackend();
}
