import "server-only";
import { and, eq, gt, isNotNull, isNull, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { aiRequests, apiKeys, projectMembers } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { FirstStepsOutput, type FirstStep } from "./schemas";

/**
 * The dashboard's first-steps checklist for the caller, ticked off from real data (never from a
 * "dismissed" flag): an AI provider configured (admins only: only they can add one), a project,
 * a teammate in one of the caller's projects, an active API key, and an AI request made with a
 * key (the OpenAI-compatible API). Everything is the caller's own data.
 */
export async function getFirstSteps({ ctx }: { ctx: Ctx }): Promise<FirstStepsOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const exists = async (query: Promise<unknown[]>) => (await query).length > 0;
  const other = alias(projectMembers, "other");
  const [project, invite, apiKey, apiCall] = await Promise.all([
    exists(
      ctx.db
        .select({ id: projectMembers.projectId })
        .from(projectMembers)
        .where(eq(projectMembers.userId, actor.userId))
        .limit(1),
    ),
    exists(
      ctx.db
        .select({ id: projectMembers.projectId })
        .from(projectMembers)
        .innerJoin(
          other,
          and(eq(other.projectId, projectMembers.projectId), ne(other.userId, actor.userId)),
        )
        .where(eq(projectMembers.userId, actor.userId))
        .limit(1),
    ),
    exists(
      ctx.db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.userId, actor.userId),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, ctx.clock.now())),
          ),
        )
        .limit(1),
    ),
    exists(
      ctx.db
        .select({ id: aiRequests.id })
        .from(aiRequests)
        .where(
          and(
            eq(aiRequests.userId, actor.userId),
            isNotNull(aiRequests.apiKeyId),
            eq(aiRequests.status, "ok"),
          ),
        )
        .limit(1),
    ),
  ]);
  const aiReady = ctx.ai.providers.available.size > 0;
  const steps: FirstStep[] = [
    ...(actor.role === "admin" ? [{ id: "provider" as const, done: aiReady }] : []),
    { id: "project", done: project },
    { id: "invite", done: invite },
    { id: "api_key", done: apiKey },
    { id: "api_call", done: apiCall },
  ];
  return FirstStepsOutput.parse({
    steps,
    completed: steps.filter((s) => s.done).length,
    aiReady,
  });
}
