import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  EncryptedBlobStore,
  exitOnStartupError,
  generateMasterKey,
  MasterKeyring,
  masterKeyId,
  openBlobStore,
  openStorage,
  readKeyringFile,
  rotateMasterKeys,
  storageLocations,
  writeKeyringFile,
} from "@pagewise/storage";
import { type Command, type CommandContext, UsageError } from "../command";
import { KEYS_SPEC } from "./command-specs";

function keyFileOf(env: CommandContext["env"]): string {
  return env.PAGEWISE_MASTER_KEY_FILE ?? storageLocations(env.PAGEWISE_DATA_DIR).keyFile;
}

function add({ env, log }: CommandContext): number {
  if (env.PAGEWISE_MASTER_KEY) {
    throw new UsageError(
      "PAGEWISE_MASTER_KEY is set: put a new key first in it (NEW,OLD; `openssl rand -base64 32`), " +
        "restart the API and workers, then run `pagewise keys rotate`.",
    );
  }
  const file = keyFileOf(env);
  if (!existsSync(file)) throw new UsageError(`No key file at ${file} (start the platform once).`);
  const current = readKeyringFile(file);
  const fresh = generateMasterKey();
  const keys = [fresh, ...current.ids.map((id) => current.key(id) as Buffer)];
  writeKeyringFile(file, new MasterKeyring(keys, masterKeyId(fresh)));
  log(`added master key ${masterKeyId(fresh)} as current in ${file} (back the file up again)`);
  log("restart the API and the workers, then run: pnpm pagewise keys rotate --drop-retired");
  return 0;
}

async function rotate(dropRetired: boolean, { env, log, stdout }: CommandContext): Promise<number> {
  const locations = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL);
  // Where the platform keeps its blobs (PAGEWISE_BLOB_URL): the folder or the S3 bucket.
  const blobStore = await openBlobStore(env, locations).catch((err) =>
    exitOnStartupError("keys", err),
  );
  const storage = await openStorage(
    "keys",
    { ...locations, blobDir: blobStore.localDir },
    { masterKey: env.PAGEWISE_MASTER_KEY, masterKeyFile: env.PAGEWISE_MASTER_KEY_FILE },
  );
  try {
    log(`blobs: ${blobStore.location}`);
    const report = await rotateMasterKeys(
      storage.db,
      {
        store: new EncryptedBlobStore(blobStore.store, storage.keyring),
        keys: blobStore.store.listKeys(),
      },
      storage.keyring,
      log,
    );
    log(`current master key: ${storage.keyring.currentId}`);
    log(
      report.retired.length > 0
        ? `retired (no data key is wrapped by them any more): ${report.retired.join(", ")}`
        : "no other master key wraps data",
    );
    if (dropRetired) {
      const retired = new Set(
        (
          await storage.db
            .selectFrom("master_keys")
            .select("id")
            .where("retired_at", "is not", null)
            .execute()
        ).map((row) => row.id),
      );
      const dropped = storage.keyring.ids.filter((id) => retired.has(id));
      if (env.PAGEWISE_MASTER_KEY) {
        if (dropped.length > 0) log(`remove from PAGEWISE_MASTER_KEY: ${dropped.join(", ")}`);
      } else if (dropped.length > 0) {
        const file = keyFileOf(env);
        const kept = storage.keyring.ids.filter((id) => !retired.has(id));
        writeKeyringFile(
          file,
          new MasterKeyring(
            kept.map((id) => storage.keyring.key(id) as Buffer),
            storage.keyring.currentId,
          ),
        );
        log(`removed from ${file}: ${dropped.join(", ")}`);
      }
    }
    stdout(`${JSON.stringify({ current: storage.keyring.currentId, ...report })}\n`);
    return 0;
  } finally {
    blobStore.close();
    await storage.close();
  }
}

export const keysCommand: Command = {
  ...KEYS_SPEC,
  async run(args, context) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { "drop-retired": { type: "boolean", default: false } },
    });
    const [action] = positionals;
    if (action === "add") return add(context);
    if (action === "rotate") return rotate(values["drop-retired"] ?? false, context);
    throw new UsageError(action ? `unknown keys action: ${action}` : "keys needs an action");
  },
};
