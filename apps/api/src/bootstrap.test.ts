import { findApiTokenBySecret, getProjectByName, revokeApiToken } from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS } from "@pagewise/storage/testing";
import { describe, expect, it } from "vitest";
import { bootstrapDefaultProject } from "./bootstrap";

describe.each(TEST_DIALECTS)("PAGEWISE_ADMIN_TOKEN once revoked, on %s", (dialect) => {
  it("stays revoked, and starting again neither fails nor brings it back", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const secret = "pw_env_admin_token_for_revocation_test";
      const first = await bootstrapDefaultProject(database.db, secret);
      expect(first.adminTokenRevoked).toBe(false);
      const token = await findApiTokenBySecret(database.db, secret);
      const project = await getProjectByName(database.db, "default");
      expect(await revokeApiToken(database.db, project!.id, token!.id)).toBe(true);

      // Each start after the revocation (two: the second must not differ).
      for (let start = 0; start < 2; start++) {
        const again = await bootstrapDefaultProject(database.db, secret);
        expect(again.adminTokenRevoked).toBe(true);
        expect(await findApiTokenBySecret(database.db, secret)).toBeNull();
      }
    } finally {
      await database.drop();
    }
  });
});
