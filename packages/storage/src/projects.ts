import {
  DEFAULT_LABEL_SCHEMA,
  DEFAULT_PROJECT_SETTINGS,
  type LabelSchema,
  LabelSchemaSchema,
  newId,
  type ProjectSettings,
  type ProjectSettingsPatch,
  ProjectSettingsSchema,
} from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import type { Database, ProjectsTable } from "./schema";
import { nowIso } from "./time";

export interface Project {
  id: string;
  name: string;
  settings: ProjectSettings;
  labelSchema: LabelSchema;
  createdAt: string;
  updatedAt: string;
}

function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    name: row.name,
    settings: ProjectSettingsSchema.parse(JSON.parse(row.settings)),
    labelSchema: LabelSchemaSchema.parse(JSON.parse(row.label_schema)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createProject(
  db: Kysely<Database>,
  input: { name: string; settings?: ProjectSettingsPatch; labelSchema?: LabelSchema },
): Promise<Project> {
  const now = nowIso();
  const row = {
    id: newId("prj"),
    name: input.name,
    settings: JSON.stringify(
      ProjectSettingsSchema.parse({
        ...DEFAULT_PROJECT_SETTINGS,
        ...input.settings,
        gate: { ...DEFAULT_PROJECT_SETTINGS.gate, ...input.settings?.gate },
        monitoring: { ...DEFAULT_PROJECT_SETTINGS.monitoring, ...input.settings?.monitoring },
        quotas: { ...DEFAULT_PROJECT_SETTINGS.quotas, ...input.settings?.quotas },
      }),
    ),
    label_schema: JSON.stringify(input.labelSchema ?? DEFAULT_LABEL_SCHEMA),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("projects").values(row).execute();
  return toProject(row);
}

export async function getProjectById(db: Kysely<Database>, id: string): Promise<Project | null> {
  const row = await db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function getProjectByName(
  db: Kysely<Database>,
  name: string,
): Promise<Project | null> {
  const row = await db
    .selectFrom("projects")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function listProjects(db: Kysely<Database>): Promise<Project[]> {
  const rows = await db.selectFrom("projects").selectAll().orderBy("created_at").execute();
  return rows.map(toProject);
}

/** Merge a partial settings object (and optionally a new label schema) into a project. */
export async function updateProject(
  db: Kysely<Database>,
  id: string,
  patch: { settings?: ProjectSettingsPatch; labelSchema?: LabelSchema },
): Promise<Project | null> {
  const current = await getProjectById(db, id);
  if (!current) return null;
  const settings = ProjectSettingsSchema.parse({
    ...current.settings,
    ...patch.settings,
    gate: { ...current.settings.gate, ...patch.settings?.gate },
    monitoring: { ...current.settings.monitoring, ...patch.settings?.monitoring },
    quotas: { ...current.settings.quotas, ...patch.settings?.quotas },
  });
  const labelSchema = patch.labelSchema ?? current.labelSchema;
  await db
    .updateTable("projects")
    .set({
      settings: JSON.stringify(settings),
      label_schema: JSON.stringify(labelSchema),
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .execute();
  return getProjectById(db, id);
}
