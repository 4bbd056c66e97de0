import type { Db } from "@/db/client";
import type { Services } from "@/lib/services";
import { createWorkflow, getRun, publishWorkflow, startRun } from "@/lib/workflows";
import { projectTeam, WHO, type UserCtx, type Who } from "./team";
import { inlineWorkflows } from "./workflows";

export type Role = "viewer" | "editor" | "owner";

/** trigger → review (an approval for `role`) → out: a run waits at "review" until someone decides. */
export function approvalGraph(role: Role = "editor", answer = "approved") {
  return {
    nodes: [
      { id: "trigger", type: "trigger", config: { inputs: [] } },
      { id: "review", type: "approval", config: { role, prompt: "Go on?" } },
      { id: "out", type: "output", config: { expression: JSON.stringify(answer) } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "review" },
      { id: "e2", source: "review", sourceHandle: "approved", target: "out" },
    ],
  };
}

/**
 * `owner` makes a workflow of approvalGraph in `projectId`, publishes it and starts one run,
 * which waits at its approval (ctx must run workflows inline: see inlineWorkflows).
 */
export async function waitingRun(owner: UserCtx, projectId: string, approvalRole: Role = "editor") {
  const { workflow } = await createWorkflow({
    ctx: owner,
    input: { projectId, name: "Review", graph: approvalGraph(approvalRole) },
  });
  await publishWorkflow({ ctx: owner, input: { workflowId: workflow.id, revision: 1 } });
  const { run } = await startRun({ ctx: owner, input: { workflowId: workflow.id } });
  const { run: waiting, approvals } = await getRun({ ctx: owner, input: { runId: run.id } });
  if (waiting.status !== "waiting_approval" || approvals.length !== 1)
    throw new Error(`the run did not wait for its approval (${waiting.status})`);
  return { workflow, run: waiting, approval: approvals[0]! };
}

/**
 * A project team (owner, editor, viewer, and an outsider) whose contexts run workflows inline in
 * the test's transaction, and a published workflow with one run waiting for an approval.
 */
export async function workflowTeam(db: Db, services: Services, approvalRole: Role = "editor") {
  const team = await projectTeam(db, "Flows");
  const flows = inlineWorkflows(services, db);
  const as = Object.fromEntries(WHO.map((w) => [w, flows.with(team.as[w])])) as Record<
    Who,
    UserCtx
  >;
  const made = await waitingRun(as.owner, team.project.id, approvalRole);
  return { ...made, team, flows, as, project: team.project };
}
export type WorkflowTeam = Awaited<ReturnType<typeof workflowTeam>>;
