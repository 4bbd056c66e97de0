import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, conversations, documents, projectDatabases, projects, users } from "@/db/schema";
import { isUuid } from "../ids";

type Lookup = (db: Db, ids: string[]) => Promise<{ id: string; label: string }[]>;

/** Per target type: how to name its rows. Types not listed (ai_model) are named by their id. */
const LOOKUPS: Record<string, Lookup> = {
  user: (db, ids) =>
    db.select({ id: users.id, label: users.email }).from(users).where(inArray(users.id, ids)),
  project: (db, ids) =>
    db
      .select({ id: projects.id, label: projects.name })
      .from(projects)
      .where(inArray(projects.id, ids)),
  database: (db, ids) =>
    db
      .select({ id: projectDatabases.id, label: projectDatabases.name })
      .from(projectDatabases)
      .where(inArray(projectDatabases.id, ids)),
  document: (db, ids) =>
    db
      .select({ id: documents.id, label: documents.title })
      .from(documents)
      .where(inArray(documents.id, ids)),
  api_key: (db, ids) =>
    db
      .select({ id: apiKeys.id, label: apiKeys.name })
      .from(apiKeys)
      .where(inArray(apiKeys.id, ids)),
  conversation: (db, ids) =>
    db
      .select({ id: conversations.id, label: conversations.title })
      .from(conversations)
      .where(inArray(conversations.id, ids)),
};

/** Where an entry kept its target's label itself (a deleted project's name), per target type. */
const KEPT: Record<string, string> = {
  user: "email",
  project: "name",
  database: "name",
  api_key: "name",
  document: "title",
  conversation: "title",
};
const kept = (type: string, m: Record<string, unknown>) => {
  const value = m[KEPT[type] ?? ""];
  return typeof value === "string" ? value : null;
};

/**
 * Names for the targets of one page of audit entries: one query per target type on the page
 * (ids are text in the log, so only well-formed uuids are looked up). A row that is gone falls
 * back to what the entry recorded about it; a model is named by its id.
 */
export async function targetLabels(
  db: Db,
  entries: {
    targetType: string | null;
    targetId: string | null;
    metadata: Record<string, unknown>;
  }[],
): Promise<(string | null)[]> {
  const wanted = new Map<string, Set<string>>();
  for (const e of entries)
    if (e.targetType && e.targetId && LOOKUPS[e.targetType] && isUuid(e.targetId))
      (wanted.get(e.targetType) ?? wanted.set(e.targetType, new Set()).get(e.targetType)!).add(
        e.targetId.toLowerCase(),
      );
  const found = new Map<string, string>();
  for (const [type, ids] of wanted)
    for (const row of await LOOKUPS[type]!(db, [...ids])) found.set(`${type}:${row.id}`, row.label);
  return entries.map((e) => {
    if (!e.targetType || !e.targetId) return null;
    if (!LOOKUPS[e.targetType]) return e.targetType === "ai_model" ? e.targetId : null;
    return (
      found.get(`${e.targetType}:${e.targetId.toLowerCase()}`) ?? kept(e.targetType, e.metadata)
    );
  });
}
