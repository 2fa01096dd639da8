import { newId, type Role, RoleSchema } from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import type { Database, UsersTable } from "./schema";
import { nowIso } from "./time";

/** A person who signs in through OpenID Connect. */
export interface User {
  id: string;
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
  createdAt: string;
  lastSignInAt: string | null;
}

/** A user's role in one project. */
export interface ProjectMember {
  projectId: string;
  user: User;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    issuer: row.issuer,
    subject: row.subject,
    email: row.email,
    name: row.name,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/**
 * The user of this issuer and subject, created on their first sign-in; email and name are
 * refreshed from the provider's claims at every sign-in.
 */
export async function upsertUserOnSignIn(
  db: Kysely<Database>,
  claims: { issuer: string; subject: string; email: string | null; name: string | null },
): Promise<{ user: User; created: boolean }> {
  const now = nowIso();
  const existing = await db
    .selectFrom("users")
    .selectAll()
    .where("issuer", "=", claims.issuer)
    .where("subject", "=", claims.subject)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable("users")
      .set({ email: claims.email, name: claims.name, last_sign_in_at: now })
      .where("id", "=", existing.id)
      .execute();
    return {
      user: toUser({ ...existing, email: claims.email, name: claims.name, last_sign_in_at: now }),
      created: false,
    };
  }
  const row = {
    id: newId("usr"),
    issuer: claims.issuer,
    subject: claims.subject,
    email: claims.email,
    name: claims.name,
    created_at: now,
    last_sign_in_at: now,
  };
  await db.insertInto("users").values(row).execute();
  return { user: toUser(row), created: true };
}

export async function getUserById(db: Kysely<Database>, id: string): Promise<User | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Users by id, for showing who did something (unknown ids are left out). */
export async function getUsersByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, User>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").selectAll().where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, toUser(r)]));
}

/** Users whose email is this (case-insensitive); a person may come from several issuers. */
export async function findUsersByEmail(db: Kysely<Database>, email: string): Promise<User[]> {
  const rows = await db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .orderBy("id")
    .execute();
  return rows.map(toUser);
}

/** The user's role in the project, or null when they are no member. */
export async function getMemberRole(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<Role | null> {
  const row = await db
    .selectFrom("project_members")
    .select("role")
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? RoleSchema.parse(row.role) : null;
}

/** The projects the user is a member of, with the role in each, by project name. */
export async function listUserMemberships(
  db: Kysely<Database>,
  userId: string,
): Promise<{ projectId: string; projectName: string; role: Role }[]> {
  const rows = await db
    .selectFrom("project_members")
    .innerJoin("projects", "projects.id", "project_members.project_id")
    .select(["projects.id as projectId", "projects.name as projectName", "project_members.role"])
    .where("project_members.user_id", "=", userId)
    .orderBy("projects.name")
    .execute();
  return rows.map((r) => ({ ...r, role: RoleSchema.parse(r.role) }));
}

/** Add the user to the project, or change their role there. */
export async function setMemberRole(
  db: Kysely<Database>,
  input: { projectId: string; userId: string; role: Role },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("project_members")
    .values({
      project_id: input.projectId,
      user_id: input.userId,
      role: input.role,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["project_id", "user_id"]).doUpdateSet({ role: input.role, updated_at: now }),
    )
    .execute();
}

export async function removeMember(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("project_members")
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A page of the project's members, oldest membership first. */
export async function listMembers(
  db: Kysely<Database>,
  projectId: string,
  page: { limit: number; offset: number },
): Promise<{ items: ProjectMember[]; total: number }> {
  const rows = await db
    .selectFrom("project_members")
    .innerJoin("users", "users.id", "project_members.user_id")
    .selectAll("users")
    .select([
      "project_members.role as member_role",
      "project_members.created_at as member_created_at",
      "project_members.updated_at as member_updated_at",
    ])
    .where("project_members.project_id", "=", projectId)
    .orderBy("project_members.created_at")
    .orderBy("users.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await db
    .selectFrom("project_members")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      projectId,
      user: toUser(r),
      role: RoleSchema.parse(r.member_role),
      createdAt: r.member_created_at,
      updatedAt: r.member_updated_at,
    })),
    total: Number(count.n),
  };
}

/** One membership of the project, with its user, or null. */
export async function getMember(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<ProjectMember | null> {
  const row = await db
    .selectFrom("project_members")
    .innerJoin("users", "users.id", "project_members.user_id")
    .selectAll("users")
    .select([
      "project_members.role as member_role",
      "project_members.created_at as member_created_at",
      "project_members.updated_at as member_updated_at",
    ])
    .where("project_members.project_id", "=", projectId)
    .where("project_members.user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? {
        projectId,
        user: toUser(row),
        role: RoleSchema.parse(row.member_role),
        createdAt: row.member_created_at,
        updatedAt: row.member_updated_at,
      }
    : null;
}
