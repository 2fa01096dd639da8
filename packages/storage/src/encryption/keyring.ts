import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { StartupError } from "../startup-error";

/** Length of a master key and of every data key: AES-256. */
export const KEY_BYTES = 32;

/** A master key's id: derived from the key itself, so the same key has the same id everywhere. */
export function masterKeyId(key: Uint8Array): string {
  return createHash("sha256")
    .update("pagewise master key id\0")
    .update(key)
    .digest("hex")
    .slice(0, 16);
}

export const MASTER_KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

/**
 * The master keys this process holds: one current key that wraps every new data key, and older
 * ones that still unwrap data keys made before a rotation (`pnpm pagewise keys rotate` re-wraps
 * those; afterwards an old key can be dropped).
 */
export class MasterKeyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentId: string;

  constructor(keys: readonly Uint8Array[], currentId?: string) {
    if (keys.length === 0) throw new Error("A keyring needs at least one master key");
    for (const key of keys) {
      if (key.byteLength !== KEY_BYTES) throw new Error("A master key has 32 bytes");
      this.keys.set(masterKeyId(key), Buffer.from(key));
    }
    this.currentId = currentId ?? masterKeyId(keys[0] as Uint8Array);
    if (!this.keys.has(this.currentId)) throw new Error(`Unknown current key ${this.currentId}`);
  }

  get current(): Buffer {
    return this.keys.get(this.currentId) as Buffer;
  }

  /** The key with this id, or undefined when this keyring does not hold it. */
  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }
}

/** Where a keyring came from, for the start output and errors. */
export interface LoadedKeyring {
  keyring: MasterKeyring;
  source: "env" | "file";
  /** The key file read (or generated). */
  file?: string;
  /** True when the key file was created by this start: it must be backed up. */
  generated: boolean;
}

export interface KeyringFile {
  version: 1;
  current: string;
  keys: { id: string; key: string; createdAt: string }[];
}

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, "base64");
  if (key.byteLength !== KEY_BYTES || key.toString("base64") !== trimmed) {
    throw new StartupError(
      `${where} is not a master key: expected 32 bytes in base64 ` +
        "(make one with `openssl rand -base64 32`).",
      { code: "master_key_invalid" },
    );
  }
  return key;
}

/**
 * `PAGEWISE_MASTER_KEY`: one key in base64, or several separated by commas (the first is current,
 * the others only unwrap older data keys).
 */
export function keyringFromEnv(value: string): MasterKeyring {
  const keys = value
    .split(",")
    .filter((part) => part.trim() !== "")
    .map((part, i) => decodeKey(part, `PAGEWISE_MASTER_KEY (key ${i + 1})`));
  if (keys.length === 0) {
    throw new StartupError("PAGEWISE_MASTER_KEY is empty", { code: "master_key_invalid" });
  }
  return new MasterKeyring(keys);
}

/** A key file: the JSON keyring `{ version: 1, current, keys: [{ id, key, createdAt }] }`. */
export function readKeyringFile(path: string): MasterKeyring {
  let parsed: KeyringFile;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as KeyringFile;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`Cannot read the master key file ${path} (${reason})`, {
      code: "master_key_invalid",
      cause: error,
    });
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new StartupError(`${path} is not a Pagewise keyring (version 1 with keys)`, {
      code: "master_key_invalid",
    });
  }
  const keys = parsed.keys.map((entry, i) => {
    const key = decodeKey(String(entry.key), `${path} (key ${i + 1})`);
    if (entry.id !== masterKeyId(key)) {
      throw new StartupError(`${path}: key ${i + 1} does not have the id ${entry.id}`, {
        code: "master_key_invalid",
      });
    }
    return key;
  });
  if (!keys.some((key) => masterKeyId(key) === parsed.current)) {
    throw new StartupError(`${path}: the current key ${parsed.current} is not in the file`, {
      code: "master_key_invalid",
    });
  }
  return new MasterKeyring(keys, parsed.current);
}

/** Write a keyring file with mode 0600 (atomically enough: a new file, then chmod). */
export function writeKeyringFile(
  path: string,
  keyring: MasterKeyring,
  createdAt?: Map<string, string>,
): void {
  const now = new Date().toISOString();
  const file: KeyringFile = {
    version: 1,
    current: keyring.currentId,
    keys: keyring.ids.map((id) => ({
      id,
      key: (keyring.key(id) as Buffer).toString("base64"),
      createdAt: createdAt?.get(id) ?? now,
    })),
  };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function generateMasterKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The keyring of a process: `PAGEWISE_MASTER_KEY`, else `PAGEWISE_MASTER_KEY_FILE`, else the
 * default key file in the data folder — generated on the first start when `mayGenerate` (no
 * encrypted data exists yet).
 */
export function loadKeyring(options: {
  masterKey?: string | undefined;
  masterKeyFile?: string | undefined;
  defaultKeyFile: string;
  mayGenerate: boolean;
}): LoadedKeyring {
  if (options.masterKey) {
    return { keyring: keyringFromEnv(options.masterKey), source: "env", generated: false };
  }
  const file = options.masterKeyFile ?? options.defaultKeyFile;
  if (existsSync(file) || options.masterKeyFile) {
    return { keyring: readKeyringFile(file), source: "file", file, generated: false };
  }
  if (!options.mayGenerate) {
    throw new StartupError(
      `The data is encrypted but no master key is set: set PAGEWISE_MASTER_KEY or ` +
        `PAGEWISE_MASTER_KEY_FILE, or restore ${file} from its backup.`,
      { code: "master_key_missing" },
    );
  }
  const keyring = new MasterKeyring([generateMasterKey()]);
  try {
    // `wx`: two processes starting at once must not overwrite each other's key.
    writeFileSync(file, "", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return { keyring: waitForKeyFile(file), source: "file", file, generated: false };
    }
    throw error;
  }
  writeKeyringFile(file, keyring);
  return { keyring, source: "file", file, generated: true };
}

/** Another process created the key file a moment ago: read it once it is written. */
function waitForKeyFile(file: string): MasterKeyring {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      if (readFileSync(file, "utf8").trim() !== "") return readKeyringFile(file);
    } catch {
      // not yet written
    }
    if (Date.now() > deadline) return readKeyringFile(file);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
