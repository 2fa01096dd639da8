import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isIgnoredName, moveWithoutOverwrite, suffixedName } from "./consume-names";

describe("consume folder names", () => {
  it("ignores dotfiles, partial downloads and temporaries, and nothing else", () => {
    for (const name of [".DS_Store", ".scan.pdf.x1Y2", "scan.pdf.part", "a.TMP", "b.crdownload"]) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    expect(isIgnoredName("~$invoice.pdf")).toBe(true);
    for (const name of ["scan.pdf", "scan.tmp.pdf", "part.pdf", "a~$b.pdf", "invoice"]) {
      expect(isIgnoredName(name), name).toBe(false);
    }
  });

  it("puts the counter before the extension", () => {
    expect(suffixedName("scan.pdf", 0)).toBe("scan.pdf");
    expect(suffixedName("scan.pdf", 1)).toBe("scan-1.pdf");
    expect(suffixedName("scan.v2.pdf", 12)).toBe("scan.v2-12.pdf");
    expect(suffixedName("README", 2)).toBe("README-2");
  });
});

describe("moving without overwriting", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("moves under the name, or the next free suffixed name, and never replaces a file", async () => {
    dir = mkdtempSync(join(tmpdir(), "pagewise-consume-names-"));
    const target = join(dir, "done");
    mkdirSync(target);
    writeFileSync(join(target, "scan.pdf"), "first");
    writeFileSync(join(target, "scan-1.pdf"), "second");
    writeFileSync(join(dir, "scan.pdf"), "third");
    expect(await moveWithoutOverwrite(join(dir, "scan.pdf"), target, "scan.pdf")).toBe(
      "scan-2.pdf",
    );
    expect(readdirSync(dir).sort()).toEqual(["done"]);
    expect(readFileSync(join(target, "scan.pdf"), "utf8")).toBe("first");
    expect(readFileSync(join(target, "scan-1.pdf"), "utf8")).toBe("second");
    expect(readFileSync(join(target, "scan-2.pdf"), "utf8")).toBe("third");
    writeFileSync(join(dir, "new.pdf"), "fourth");
    expect(await moveWithoutOverwrite(join(dir, "new.pdf"), target, "new.pdf")).toBe("new.pdf");
  });
});
