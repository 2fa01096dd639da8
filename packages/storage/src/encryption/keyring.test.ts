import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StartupError } from "../startup-error";
import {
  generateMasterKey,
  keyringFromEnv,
  loadKeyring,
  MasterKeyring,
  masterKeyId,
  readKeyringFile,
  writeKeyringFile,
} from "./keyring";

describe("master keyring", () => {
  it("takes one base64 key from the environment, or several with the first current", () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(keyringFromEnv(a.toString("base64")).currentId).toBe(masterKeyId(a));
    const two = keyringFromEnv(`${b.toString("base64")},${a.toString("base64")}`);
    expect(two.currentId).toBe(masterKeyId(b));
    expect(two.key(masterKeyId(a))).toEqual(a);
  });

  it("refuses a key that is not 32 bytes of base64 with a stable code", () => {
    for (const bad of ["short", Buffer.alloc(16).toString("base64"), "!!!"]) {
      let error: unknown;
      try {
        keyringFromEnv(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StartupError);
      expect((error as StartupError).code).toBe("master_key_invalid");
    }
  });

  it("generates the key file once, mode 0600, and reads it back", () => {
    const dir = mkdtempSync(join(tmpdir(), "pagewise-keys-"));
    const file = join(dir, "master-key.json");
    const first = loadKeyring({ defaultKeyFile: file, mayGenerate: true });
    expect(first.generated).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadKeyring({ defaultKeyFile: file, mayGenerate: true });
    expect(again.generated).toBe(false);
    expect(again.keyring.currentId).toBe(first.keyring.currentId);
  });

  it("does not generate a key when data is encrypted already: master_key_missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "pagewise-keys-"));
    expect(() =>
      loadKeyring({ defaultKeyFile: join(dir, "master-key.json"), mayGenerate: false }),
    ).toThrow(expect.objectContaining({ code: "master_key_missing" }));
  });

  it("keeps several keys in the file with one current", () => {
    const dir = mkdtempSync(join(tmpdir(), "pagewise-keys-"));
    const file = join(dir, "keys.json");
    const old = generateMasterKey();
    const next = generateMasterKey();
    writeKeyringFile(file, new MasterKeyring([old, next], masterKeyId(next)));
    const read = readKeyringFile(file);
    expect(read.currentId).toBe(masterKeyId(next));
    expect(read.ids.sort()).toEqual([masterKeyId(old), masterKeyId(next)].sort());
    // A key whose id does not match is refused (a typo in a hand-edited file).
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.keys[0].id = "0000000000000000";
    writeFileSync(file, JSON.stringify(json));
    expect(() => readKeyringFile(file)).toThrow(
      expect.objectContaining({ code: "master_key_invalid" }),
    );
  });
});
