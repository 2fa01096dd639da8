import { dirname } from "node:path";
import { createDatabase, type DatabaseHandle } from "./create-database";
import { ensureWritableDir } from "./data-dir";
import { FieldEncryption } from "./encryption/field-encryption";
import type { MasterKeyring } from "./encryption/keyring";
import { prepareMasterKeys } from "./encryption/master-keys";
import { migrateToLatest, pendingMigrations } from "./migrate";
import { exitOnStartupError, StartupError } from "./startup-error";

export interface OpenedStorage extends DatabaseHandle {
  /** The master keys: wrap blob data keys (`EncryptedBlobStore`) and document keys. */
  keyring: MasterKeyring;
}

/**
 * An app's database, migrated (or, with `autoMigrate: false`, checked to be migrated), with its
 * blob folder (when blobs are local) checked writable first and its master keys
 * loaded and checked (documents' columns are encrypted through `db`). A data folder, database or
 * master key that cannot be used ends the process in one line (`pagewise <app>: [code] …`).
 */
export async function openStorage(
  app: string,
  /** `blobDir`: the local blob folder; undefined when blobs live in S3 (the data folder is checked). */
  locations: { blobDir: string | undefined; databaseUrl: string; keyFile: string },
  keys: {
    masterKey?: string | undefined;
    masterKeyFile?: string | undefined;
    /** False (PAGEWISE_ENCRYPTION=off): new data is written in clear; encrypted data still reads. */
    encryptWrites?: boolean;
    /**
     * False (PAGEWISE_AUTO_MIGRATE=off): do not migrate; refuse to start (`schema_behind`) while
     * migrations are pending, so that `pagewise migrate` runs them once, as a deployment's job.
     */
    autoMigrate?: boolean;
  } = {},
): Promise<OpenedStorage> {
  try {
    // With blobs in S3 the data folder still holds the SQLite file and the generated key file.
    ensureWritableDir(locations.blobDir ?? dirname(locations.keyFile));
    const handle = createDatabase({ url: locations.databaseUrl });
    if (keys.autoMigrate ?? true) await migrateToLatest(handle.db);
    else await refuseWhenSchemaBehind(handle);
    const loaded = await prepareMasterKeys(handle.db, {
      masterKey: keys.masterKey,
      masterKeyFile: keys.masterKeyFile,
      defaultKeyFile: locations.keyFile,
    });
    if (loaded.generated) {
      process.stdout.write(
        `\n  Generated the master key ${loaded.keyring.currentId} in ${loaded.file} (mode 0600).\n` +
          "  Every document and blob is encrypted with it: back this file up now, apart from the\n" +
          "  data. Without it the data cannot be read.\n\n",
      );
    }
    return {
      ...handle,
      db: handle.db.withPlugin(
        new FieldEncryption(loaded.keyring, { encryptWrites: keys.encryptWrites ?? true }),
      ),
      keyring: loaded.keyring,
    };
  } catch (error) {
    exitOnStartupError(app, error);
  }
}

/** PAGEWISE_AUTO_MIGRATE=off: the schema must be current already (else close and say what to run). */
async function refuseWhenSchemaBehind(handle: DatabaseHandle): Promise<void> {
  const pending = await pendingMigrations(handle.db);
  if (pending.length === 0) return;
  await handle.close();
  throw new StartupError(
    `The database schema is behind this version: ${pending.length} migration(s) pending ` +
      `(${pending[0]}${pending.length > 1 ? ` … ${pending.at(-1)}` : ""}). Run \`pagewise migrate\` ` +
      "first (PAGEWISE_AUTO_MIGRATE is off).",
    { code: "schema_behind" },
  );
}
