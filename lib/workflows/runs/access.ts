import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns, type WorkflowRunRow } from "@/db/schema";
import type { UserActor } from "../../context";
import { notFound } from "../../errors";
import { isUuid } from "../../ids";
import { getWorkflowForActor } from "../access";

/** A run if the actor may see its workflow (any project member), else 404 (never a hint). */
export async function getRunForActor(
  db: Db,
  actor: UserActor,
  runId: string,
  minRole: "viewer" | "editor" | "owner" = "viewer",
) {
  if (!isUuid(runId)) throw notFound("Run");
  const [run] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
  if (!run) throw notFound("Run");
  const { workflow, role, project } = await getWorkflowForActor({
    db,
    id: run.workflowId,
    actor,
    minRole,
  }).catch((err: unknown) => {
    throw (err as { code?: string }).code === "not_found" ? notFound("Run") : err;
  });
  return { run: run as WorkflowRunRow, workflow, role, project };
}
