import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { saveModel } from "../artifacts/save-model";
import { initBackend } from "../backend/init-backend";
import { trainExtractor } from "../extractor/train-extractor";
import { loadTestDocuments } from "./test-documents";

// Trains the same small extractor as the test's main thread and reports its backend and weights.
const { count, seed, epochs } = workerData as { count: number; seed: number; epochs: number };
const backend = await initBackend();
const docs = loadTestDocuments("sroie").slice(0, count);
const model = await trainExtractor(docs, DEFAULT_LABEL_SCHEMA, { seed, epochs, minSteps: 0 });
const weights = (await saveModel(model))["weights.bin"]!;
parentPort!.postMessage({ backend, hash: createHash("sha256").update(weights).digest("hex") });
