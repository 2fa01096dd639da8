// Entry of a calibration thread. A worker thread does not inherit the parent's TypeScript loader
// in every setting (tsx CLI, vitest, plain node), so the body is loaded through tsx's `tsImport`.
import { tsImport } from "tsx/esm/api";

await tsImport("./calibration-thread.ts", import.meta.url);
