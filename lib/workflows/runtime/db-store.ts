import "server-only";
import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowApprovals, workflowRunEvents, workflowRuns, workflowSteps } from "@/db/schema";
import { queryRows } from "../../db/rows";
import type { StepEnd, StepStart, StepState, StepStore } from "../engine/types";
import type { NodeOutcome } from "../nodes/types";
import { storableText } from "../../text-guard";

/**
 * A value as jsonb can hold it: a step's output is what a provider, a web page or an expression
 * made, and a NUL or a lone surrogate in it must not fail the checkpoint (it becomes U+FFFD).
 * Depth is bounded by where values come from (parsed JSON ≤ 512, expressions ≤ 32 nesting).
 */
export function storable(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (typeof value === "string") return storableText(value);
  if (value === null || typeof value !== "object" || depth > 600) return value;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    // defineProperty: a "__proto__" key stays data, never the object's prototype.
    Object.defineProperty(out, storableText(k), {
      value: storable(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** Appends to a run's event stream (the live view reads it; any instance may write). */
export async function recordEvent(
  db: Db,
  runId: string,
  type: string,
  data: Record<string, unknown>,
) {
  await db
    .insert(workflowRunEvents)
    .values({ runId, type, data: storable(data) as Record<string, unknown> });
}

/**
 * A step write and its event as one statement (the event row made from what the write returns):
 * one round trip and one commit instead of two, and never a step without its event. The step's
 * id goes into the event's data (`stepId`) and comes back as `id`.
 */
async function withEvent(
  db: Db,
  write: SQLWrapper,
  runId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    // drizzle puts an embedded query in parentheses: `with step as (insert … returning id)`.
    sql`with step as ${write}
      insert into ${workflowRunEvents} (run_id, type, data)
      select ${runId}::uuid, ${type}, jsonb_build_object('stepId', step.id) || ${JSON.stringify(data)}::jsonb
      from step
      returning data ->> 'stepId' as id`,
  );
  return row?.id;
}

/**
 * The engine's checkpoints in the database: every start and end is written (with its event, in
 * the same statement) before the engine moves on, so a restarted worker continues from exactly here.
 */
export class DbStepStore implements StepStore {
  constructor(
    private readonly db: Db,
    private readonly run: { id: string; projectId: string },
  ) {}

  async start(s: StepStart): Promise<string> {
    const upsert = this.db
      .insert(workflowSteps)
      .values({
        runId: this.run.id,
        nodeId: s.nodeId,
        itemPath: s.itemPath,
        nodeType: s.nodeType,
        status: "running",
        attempt: s.attempt,
        input: storable(s.input),
        startedAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [workflowSteps.runId, workflowSteps.nodeId, workflowSteps.itemPath],
        set: {
          status: "running",
          attempt: s.attempt,
          input: storable(s.input),
          error: null,
          branch: null,
          startedAt: sql`now()`,
          finishedAt: null,
        },
      })
      .returning({ id: workflowSteps.id });
    const id = await withEvent(this.db, upsert, this.run.id, "step_started", {
      nodeId: s.nodeId,
      itemPath: s.itemPath,
      attempt: s.attempt,
    });
    return id!;
  }

  async finish(stepId: string, end: StepEnd): Promise<void> {
    const update = this.db
      .update(workflowSteps)
      .set({
        status: end.status,
        output: storable(end.output),
        branch: end.branch ?? null,
        error: (storable(end.error) as StepEnd["error"]) ?? null,
        tokens: sql`${workflowSteps.tokens} + ${end.tokens ?? 0}`,
        costUsd: sql`${workflowSteps.costUsd} + ${end.costUsd ?? 0}`,
        finishedAt: sql`now()`,
        durationMs: end.durationMs ?? null,
      })
      .where(eq(workflowSteps.id, stepId))
      .returning({ id: workflowSteps.id });
    await withEvent(this.db, update, this.run.id, "step_finished", {
      status: end.status,
      branch: end.branch ?? null,
      error: end.error ?? null,
      durationMs: end.durationMs ?? null,
    });
    if (end.tokens || end.costUsd)
      await this.db
        .update(workflowRuns)
        .set({
          tokens: sql`${workflowRuns.tokens} + ${end.tokens ?? 0}`,
          costUsd: sql`${workflowRuns.costUsd} + ${end.costUsd ?? 0}`,
        })
        .where(eq(workflowRuns.id, this.run.id));
  }

  async wait(stepId: string, wait: NonNullable<NodeOutcome["wait"]>, output: unknown) {
    const [step] = await this.db
      .select({ nodeId: workflowSteps.nodeId, itemPath: workflowSteps.itemPath })
      .from(workflowSteps)
      .where(eq(workflowSteps.id, stepId));
    let stored: unknown = output;
    if (wait.kind === "approval") {
      const [a] = await this.db
        .insert(workflowApprovals)
        .values({
          runId: this.run.id,
          projectId: this.run.projectId,
          nodeId: step!.nodeId,
          itemPath: step!.itemPath,
          role: wait.role,
          prompt: storableText(wait.prompt),
          expiresAt: wait.expiresAt ?? null,
        })
        .onConflictDoUpdate({
          target: [workflowApprovals.runId, workflowApprovals.nodeId, workflowApprovals.itemPath],
          set: {
            status: "pending",
            prompt: storableText(wait.prompt),
            expiresAt: wait.expiresAt ?? null,
          },
        })
        .returning({ id: workflowApprovals.id });
      stored = { approvalId: a!.id, expiresAt: wait.expiresAt?.toISOString() ?? null };
    }
    await this.db
      .update(workflowSteps)
      .set({ status: "waiting", output: storable(stored) })
      .where(eq(workflowSteps.id, stepId));
    await recordEvent(this.db, this.run.id, "step_waiting", { stepId, kind: wait.kind });
  }

  async resolve(step: StepState, now: Date): Promise<{ output: unknown; branch: string } | null> {
    const out = (step.output ?? {}) as { until?: string; approvalId?: string };
    if (out.until)
      return now >= new Date(out.until) ? { output: step.output, branch: "out" } : null;
    if (!out.approvalId) return null;
    // An expired approval times out unless a decision won the race (one update decides).
    await this.db
      .update(workflowApprovals)
      .set({ status: "timed_out", decidedAt: sql`now()` })
      .where(
        and(
          eq(workflowApprovals.id, out.approvalId),
          eq(workflowApprovals.status, "pending"),
          sql`${workflowApprovals.expiresAt} <= ${now.toISOString()}`,
        ),
      );
    const [a] = await this.db
      .select()
      .from(workflowApprovals)
      .where(eq(workflowApprovals.id, out.approvalId));
    if (!a || a.status === "pending") return null;
    const branch =
      a.status === "approved" ? "approved" : a.status === "rejected" ? "rejected" : "timeout";
    return {
      output: {
        decision: branch,
        comment: a.comment,
        decidedBy: a.decidedBy,
        decidedAt: a.decidedAt,
      },
      branch,
    };
  }

  async skip(s: { nodeId: string; itemPath: string; nodeType: string }): Promise<void> {
    await this.db
      .insert(workflowSteps)
      .values({ runId: this.run.id, ...s, status: "skipped", attempt: 0 })
      .onConflictDoUpdate({
        target: [workflowSteps.runId, workflowSteps.nodeId, workflowSteps.itemPath],
        set: { status: "skipped" },
      });
  }
}
