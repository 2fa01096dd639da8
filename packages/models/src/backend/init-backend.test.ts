import { describe, expect, it } from "vitest";
import { describeBackendChoice, initBackend } from "./init-backend";

describe("choosing the TensorFlow.js backend", () => {
  it("says once, in words, which backend runs, without a warning for the optional tfjs-node", async () => {
    const lines: string[] = [];
    const backend = await initBackend({ log: (m) => lines.push(m) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^TensorFlow\.js backend: /);
    expect(lines[0]).not.toMatch(/unavailable|Cannot find/);
    // This machine has no tfjs-node (it cannot install offline): wasm runs, and the line says why.
    if (backend === "wasm") {
      expect(lines[0]).toBe(
        "TensorFlow.js backend: wasm (tfjs-node is not installed; it is optional)",
      );
    }
  });

  it("names a backend that is installed but failed to load, with the first line of its error", () => {
    const broken = new Error("libtensorflow.so: cannot open shared object file\nstack");
    expect(describeBackendChoice("cpu", [{ name: "tensorflow", error: broken }])).toBe(
      "TensorFlow.js backend: cpu (tfjs-node did not load: libtensorflow.so: cannot open shared object file)",
    );
    expect(describeBackendChoice("tensorflow", [])).toBe(
      "TensorFlow.js backend: tensorflow (tfjs-node, native)",
    );
  });
});
