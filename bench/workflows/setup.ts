// bench:workflows: the app's services on a target with a given worker concurrency, a user who
// owns a project with the 10-node flow published, and the ways the bench starts runs.
import { users, type WorkflowRunRow } from "../../db/schema";
import type { Ctx, UserActor } from "../../lib/context";
import { fixedDatabase } from "../../lib/db";
import { createLogger } from "../../lib/log";
import { createProject } from "../../lib/projects";
import { createMemoryRateLimiter } from "../../lib/rate-limit";
import { createCtx, createServices, type Services } from "../../lib/services";
import { createWorkflow, publishWorkflow, startRun } from "../../lib/workflows";
import type { RunQueue } from "../../lib/workflows/runtime/runtime";
import { FLOW } from "./graphs";
import type { Target } from "./targets";

export interface Owner {
  actor: UserActor;
  workflowId: string;
}

export function servicesOn(target: Target, concurrency: number): Services {
  return createServices({
    env: target.env(concurrency),
    log: createLogger("silent"),
    database: fixedDatabase(target.handle),
    limiter: createMemoryRateLimiter(),
  });
}

/** A member who owns a project with FLOW published (made once per target, by the services). */
export async function seedOwner(services: Services): Promise<Owner> {
  const db = await services.database.db();
  const [u] = await db
    .insert(users)
    .values({ email: `bench-${Date.now()}@example.com`, passwordHash: "x", role: "member" })
    .returning();
  const actor: UserActor = {
    kind: "user",
    userId: u!.id,
    email: u!.email,
    role: "member",
    tier: "free",
    via: "session",
    scopes: ["read", "write", "admin"],
  };
  const ctx = await createCtx(services, { actor, requestId: "bench" });
  const { project } = await createProject({ ctx, input: { name: "Workflow bench" } });
  const { workflow } = await createWorkflow({
    ctx,
    input: { projectId: project.id, name: "Ten nodes", graph: FLOW },
  });
  if (workflow.issues.length) throw new Error(`FLOW: ${workflow.issues[0]!.message}`);
  await publishWorkflow({ ctx, input: { workflowId: workflow.id, revision: workflow.revision } });
  return { actor, workflowId: workflow.id };
}

export async function ownerCtx(services: Services, owner: Owner): Promise<Ctx> {
  return createCtx(services, { actor: owner.actor, requestId: "bench" });
}

/** A queue that takes nothing: the run stays queued for the bench to advance itself. */
export const HOLD: RunQueue = { enqueue: async () => {}, advance: async () => {} };

/** Starts the i-th run of FLOW through the service: n = 1…33, so both labels are taken. */
export async function start(ctx: Ctx, owner: Owner, i: number): Promise<WorkflowRunRow["id"]> {
  const n = 1 + (i % 33);
  const { run } = await startRun({ ctx, input: { workflowId: owner.workflowId, input: { n } } });
  return run.id;
}
