import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";

/** TensorFlow.js backends in order of preference: native, WebAssembly, plain JavaScript. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface InitBackendOptions {
  /** Backends to try, in order (default: tensorflow, wasm, cpu). */
  prefer?: readonly BackendName[];
  /** Where to report the choice and why others were skipped (default: nothing). */
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
    const log = options.log ?? (() => {});
    for (const name of options.prefer ?? (["tensorflow", "wasm", "cpu"] as const)) {
      try {
        await tryBackend(name);
        log(`tensorflow.js backend: ${name}`);
        return name;
      } catch (error) {
        log(
          `tensorflow.js backend ${name} unavailable: ${(error as Error).message.split("\n")[0]}`,
        );
      }
    }
    throw new Error("no TensorFlow.js backend could be initialized");
  })();
  chosen.catch(() => {
    chosen = undefined;
  });
  return chosen;
}

/** The backend in use (after `initBackend`). */
export function currentBackend(): string {
  return tf.getBackend();
}
