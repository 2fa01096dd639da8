import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";

const run = promisify(execFile);
const require = createRequire(join(process.cwd(), "packages/ocr/package.json"));

/**
 * A tessdata folder for the native CLI holding the very traineddata tesseract.js uses
 * (@tesseract.js-data/eng 4.0.0_best_int), gunzipped, so both engines compare on the same model.
 */
export function sameTessdataDir(): string {
  const pkg = dirname(require.resolve("@tesseract.js-data/eng/package.json"));
  const dir = join(tmpdir(), "pagewise-bench-tessdata");
  mkdirSync(dir, { recursive: true });
  const gz = readFileSync(join(pkg, "4.0.0_best_int", "eng.traineddata.gz"));
  writeFileSync(join(dir, "eng.traineddata"), gunzipSync(gz));
  return dir;
}

/** Text of an image file by /usr/bin/tesseract, one OpenMP thread (faster than several on 2 cores). */
export async function nativeTesseract(
  imagePath: string,
  tessdataDir: string,
  args: { psm?: string; dpi?: number } = {},
): Promise<string> {
  const { stdout } = await run(
    "tesseract",
    [
      imagePath,
      "-",
      "--tessdata-dir",
      tessdataDir,
      "-l",
      "eng",
      "--oem",
      "1",
      "--psm",
      args.psm ?? "3",
      ...(args.dpi ? ["--dpi", String(args.dpi)] : []),
    ],
    { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}
