import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects, users, type AiBudget } from "@/db/schema";
import type { BudgetView } from "./schemas";

/**
 * Caps as admins read them: the subject's email or name next to its id (one query per scope).
 * A subject that is gone (a deleted project) keeps its id and no name.
 */
export async function budgetViews(db: Db, rows: AiBudget[]): Promise<BudgetView[]> {
  const ids = (scope: AiBudget["scope"]) => [
    ...new Set(rows.filter((r) => r.scope === scope).map((r) => r.subjectId)),
  ];
  const userIds = ids("user");
  const projectIds = ids("project");
  const people = userIds.length
    ? await db
        .select({ id: users.id, email: users.email, name: users.name })
        .from(users)
        .where(inArray(users.id, userIds))
    : [];
  const named = projectIds.length
    ? await db
        .select({ id: projects.id, name: projects.name })
        .from(projects)
        .where(inArray(projects.id, projectIds))
    : [];
  const user = new Map(people.map((u) => [u.id, u]));
  const project = new Map(named.map((p) => [p.id, p]));
  return rows.map((b) => {
    const u = b.scope === "user" ? user.get(b.subjectId) : undefined;
    const p = b.scope === "project" ? project.get(b.subjectId) : undefined;
    return {
      ...b,
      subjectEmail: u?.email ?? null,
      subjectName: (u ? u.name : p?.name) || null,
      createdAt: b.createdAt.toISOString(),
    };
  });
}
