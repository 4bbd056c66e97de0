import "server-only";
import { createHash } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns, type StoredGraph, type WorkflowRunRow } from "@/db/schema";
import type { RunTrigger } from "@/db/schema/enums";
import { AppError, validationError } from "../../errors";
import { canonicalJson } from "../diff";
import type { WorkflowNode } from "../graph";
import { checkInput, TriggerConfig } from "../nodes/trigger";
import { recordEvent } from "../runtime/db-store";

export interface NewRun {
  workflowId: string;
  projectId: string;
  versionNumber: number | null;
  graph: StoredGraph;
  trigger: RunTrigger;
  input: unknown;
  actorId: string | null;
  /** Idempotency-Key (webhooks) or the schedule's fire time: one run per key and workflow. */
  idempotencyKey?: string;
  rerunOf?: string;
  maxInFlight: number;
}

/**
 * The graph's trigger, its config parsed. A stored graph keeps the config as the client sent
 * it, so the schema's defaults (an input's type "string" and required, the schedule's timezone
 * and input) exist only after parsing: without it an input sent without a type refused every run
 * ("must be a undefined") and a field sent without `required` was never required.
 */
export function triggerOf(
  graph: StoredGraph,
): (WorkflowNode & { config: TriggerConfig }) | undefined {
  const node = (graph.nodes as unknown as WorkflowNode[]).find((n) => n.type === "trigger");
  if (!node) return undefined;
  const parsed = TriggerConfig.safeParse(node.config);
  return { ...node, config: parsed.success ? parsed.data : (node.config as TriggerConfig) };
}

const hashOf = (input: unknown) => createHash("sha256").update(canonicalJson(input)).digest("hex");

/**
 * Inserts a queued run (the caller enqueues it once committed). The input is checked against
 * the trigger's fields; a project has at most `maxInFlight` unfinished runs; an idempotency key
 * seen before returns that run (`created: false`), or 422 when it came with another input.
 */
export async function insertRun(
  db: Db,
  r: NewRun,
): Promise<{ run: WorkflowRunRow; created: boolean }> {
  const trigger = triggerOf(r.graph);
  if (!trigger) throw new AppError("validation", "This workflow has no trigger node.");
  if (r.trigger !== "rerun") {
    const issues = checkInput(trigger.config, r.input);
    if (issues.length) throw validationError(issues);
  }
  const inputHash = r.idempotencyKey ? hashOf(r.input) : null;
  const existing = async () => {
    const [row] = await db
      .select()
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.workflowId, r.workflowId),
          eq(workflowRuns.idempotencyKey, r.idempotencyKey!),
        ),
      );
    if (row && row.idempotencyHash !== inputHash)
      throw new AppError("validation", "This Idempotency-Key was used with another request body.", {
        fields: [{ field: "Idempotency-Key", message: "was used with another body" }],
      });
    return row;
  };
  if (r.idempotencyKey) {
    const row = await existing();
    if (row) return { run: row, created: false };
  }
  const [{ n }] = (await db
    .select({ n: count() })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.projectId, r.projectId),
        inArray(workflowRuns.status, ["queued", "running", "waiting_approval"]),
      ),
    )) as [{ n: number }];
  if (Number(n) >= r.maxInFlight)
    throw new AppError(
      "limit_exceeded",
      `This project already has ${n} runs in flight (the limit is ${r.maxInFlight}); wait for some to finish.`,
      {
        limit: r.maxInFlight,
        fields: [{ field: "runs", message: `at most ${r.maxInFlight} in flight per project` }],
      },
    );
  const [row] = await db
    .insert(workflowRuns)
    .values({
      workflowId: r.workflowId,
      projectId: r.projectId,
      versionNumber: r.versionNumber,
      graph: r.graph,
      trigger: r.trigger,
      input: r.input ?? {},
      actorId: r.actorId,
      idempotencyKey: r.idempotencyKey ?? null,
      idempotencyHash: inputHash,
      rerunOf: r.rerunOf ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // Another request with the same key won the insert a moment ago.
    const won = await existing();
    if (won) return { run: won, created: false };
    throw new AppError("conflict", "The run could not be created; try again.");
  }
  await recordEvent(db, row.id, "run_status", { status: "queued" });
  return { run: row, created: true };
}
