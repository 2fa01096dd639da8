import { dirname } from "node:path";
import { createDatabase, type DatabaseHandle } from "./create-database";
import { ensureWritableDir } from "./data-dir";
import { FieldEncryption } from "./encryption/field-encryption";
import type { MasterKeyring } from "./encryption/keyring";
import { prepareMasterKeys } from "./encryption/master-keys";
import { migrateToLatest } from "./migrate";
import { exitOnStartupError } from "./startup-error";

export interface OpenedStorage extends DatabaseHandle {
  /** The master keys: wrap blob data keys (`EncryptedBlobStore`) and document keys. */
  keyring: MasterKeyring;
}

/**
 * An app's database, migrated, with its blob folder (when blobs are local) checked writable first and its master keys
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
  } = {},
): Promise<OpenedStorage> {
  try {
    // With blobs in S3 the data folder still holds the SQLite file and the generated key file.
    ensureWritableDir(locations.blobDir ?? dirname(locations.keyFile));
    const handle = createDatabase({ url: locations.databaseUrl });
    await migrateToLatest(handle.db);
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
