import { randomBytes } from "node:crypto";
import { DecryptionError, open, seal } from "./encryption/envelope";
import { fieldEncryptionOf } from "./encryption/field-encryption";
import type { MasterKeyring } from "./encryption/keyring";
import type { Db } from "./schema";

/** Prefix of a webhook secret sealed directly by a master key: `enc:v1:m:<base64>`. */
const SECRET_PREFIX = "enc:v1:m:";

/** A new signing secret: 32 random bytes, shown once when the webhook is created. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

const context = (webhookId: string) => `webhook-secret:${webhookId}`;

/**
 * A webhook's secret as stored: sealed (AES-256-GCM, bound to the webhook's id) by the current
 * master key when the handle encrypts (`openStorage`), else clear. Unlike a token, the secret
 * cannot be hashed: the worker needs it to sign every delivery.
 */
export function sealWebhookSecret(
  db: Db,
  webhookId: string,
  secret: string,
): { secret: string; secret_key_id: string | null } {
  const fe = fieldEncryptionOf(db);
  if (!fe?.encryptWrites) return { secret, secret_key_id: null };
  const sealed = seal(fe.keyring.current, Buffer.from(secret, "utf8"), context(webhookId));
  return { secret: SECRET_PREFIX + sealed.toString("base64"), secret_key_id: fe.keyring.currentId };
}

/** The clear secret of a stored row (throws `DecryptionError` without the master key). */
export function openWebhookSecret(
  db: Db,
  row: { id: string; secret: string; secret_key_id: string | null },
  keyring: MasterKeyring | undefined = fieldEncryptionOf(db)?.keyring,
): string {
  if (!row.secret.startsWith(SECRET_PREFIX)) return row.secret;
  const key = row.secret_key_id ? keyring?.key(row.secret_key_id) : undefined;
  if (!key) {
    throw new DecryptionError(
      `The secret of webhook ${row.id} is sealed by master key ${row.secret_key_id}, which this process does not hold`,
    );
  }
  const sealed = Buffer.from(row.secret.slice(SECRET_PREFIX.length), "base64");
  return open(key, sealed, context(row.id), `the secret of webhook ${row.id}`).toString("utf8");
}

/**
 * Re-seal every webhook secret under the current master key (part of `rotateMasterKeys`).
 * Compare-and-set on the old value, so a concurrent rotation changes nothing twice.
 */
export async function resealWebhookSecrets(db: Db, keyring: MasterKeyring): Promise<number> {
  const rows = await db
    .selectFrom("webhooks")
    .select(["id", "secret", "secret_key_id"])
    .where("secret_key_id", "is not", null)
    .where("secret_key_id", "!=", keyring.currentId)
    .execute();
  let done = 0;
  for (const row of rows) {
    const clear = openWebhookSecret(db, row, keyring);
    const sealed = seal(keyring.current, Buffer.from(clear, "utf8"), context(row.id));
    const result = await db
      .updateTable("webhooks")
      .set({ secret: SECRET_PREFIX + sealed.toString("base64"), secret_key_id: keyring.currentId })
      .where("id", "=", row.id)
      .where("secret", "=", row.secret)
      .executeTakeFirst();
    done += Number(result.numUpdatedRows);
  }
  return done;
}
