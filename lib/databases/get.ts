import "server-only";
import { eq } from "drizzle-orm";
import { databaseRecords } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getDatabaseForActor } from "./access";
import { GetDatabaseInput, type DatabaseOutput } from "./schemas";
import { toView } from "./views";

/** One database: its schema, version and record count (any member). */
export async function getDatabase({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DatabaseOutput> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { projectId, databaseId } = GetDatabaseInput.parse(input);
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId);
  const records = await ctx.db.$count(databaseRecords, eq(databaseRecords.databaseId, d.id));
  return { database: toView(d, records) };
}
