// Worker-thread entry for the worker-thread training test. A worker starts as a plain Node
// process without vitest's transform, so its TypeScript body is loaded through tsx's tsImport.
import { tsImport } from "tsx/esm/api";

await tsImport("./train-in-worker.ts", import.meta.url);
