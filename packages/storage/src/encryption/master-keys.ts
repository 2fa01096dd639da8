import type { Db } from "../schema";
import { StartupError } from "../startup-error";
import { nowIso } from "../time";
import { type LoadedKeyring, loadKeyring } from "./keyring";

export interface MasterKeyOptions {
  /** `PAGEWISE_MASTER_KEY`: base64 key(s), the first current. */
  masterKey?: string | undefined;
  /** `PAGEWISE_MASTER_KEY_FILE`: a JSON keyring. */
  masterKeyFile?: string | undefined;
  /** The key file used (and generated on the first start) when neither is set. */
  defaultKeyFile: string;
}

/**
 * Load this process's keyring and check it against the database: every master key that still
 * wraps data (recorded in `master_keys` when it became current, and every key of
 * `document_keys`) must be in it, else the start ends with `master_key_missing`. The key file
 * is generated only while nothing is encrypted yet. Records the current key.
 */
export async function prepareMasterKeys(db: Db, options: MasterKeyOptions): Promise<LoadedKeyring> {
  const recorded = await db.selectFrom("master_keys").selectAll().execute();
  const documentKeyIds = (
    await db.selectFrom("document_keys").select("key_id").distinct().execute()
  ).map((row) => row.key_id);
  const searchKeyIds = (await db.selectFrom("search_keys").select("key_id").execute()).map(
    (row) => row.key_id,
  );
  const loaded = loadKeyring({
    ...options,
    mayGenerate: recorded.length === 0 && documentKeyIds.length === 0 && searchKeyIds.length === 0,
  });
  const needed = new Set([
    ...recorded.filter((row) => row.retired_at === null).map((row) => row.id),
    ...documentKeyIds,
    ...searchKeyIds,
  ]);
  const missing = [...needed].filter((id) => !loaded.keyring.key(id));
  if (missing.length > 0) {
    const from =
      loaded.source === "env" ? "PAGEWISE_MASTER_KEY" : `the key file ${loaded.file ?? ""}`;
    throw new StartupError(
      `The data is encrypted with master key ${missing.join(", ")}, which ${from} does not ` +
        "hold (a wrong or lost key?). Set the key that encrypted this data.",
      { code: "master_key_missing" },
    );
  }
  await db
    .insertInto("master_keys")
    .values({ id: loaded.keyring.currentId, created_at: nowIso(), retired_at: null })
    .onConflict((oc) => oc.column("id").doUpdateSet({ retired_at: null }))
    .execute();
  return loaded;
}
