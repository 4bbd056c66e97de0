import { describe, expect } from "vitest";
import {
  countApprovals,
  createWorkflow,
  getRun,
  listApprovals,
  publishWorkflow,
  startRun,
} from "@/lib/workflows";
import { updateProject } from "@/lib/projects";
import { decideApprovalWithForm } from "@/lib/workflows/approvals/decide-form";
import { dbTest } from "../helpers/db";
import { WHO } from "../helpers/team";
import { approvalGraph, workflowTeam } from "../helpers/workflow-fixtures";

// The approvals inbox: what it lists (with the run's workflow and project), the navigation's
// count (always the list's length), and the form's decision path (the server action's core).

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("approvals inbox", () => {
  dbTest(
    "lists each approval with its workflow and project, and the count matches the list for every role",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services, "editor");
      const { approvals } = await listApprovals({ ctx: t.as.editor });
      expect(approvals).toHaveLength(1);
      expect(approvals[0]).toMatchObject({
        id: t.approval.id,
        runId: t.run.id,
        prompt: "Go on?",
        role: "editor",
        status: "pending",
        expiresAt: null,
        workflow: { id: t.workflow.id, name: "Review" },
        project: { id: t.project.id, name: "Flows" },
      });
      const expected = { owner: 1, editor: 1, viewer: 0, outsider: 0 };
      for (const who of WHO) {
        const listed = (await listApprovals({ ctx: t.as[who] })).approvals.length;
        expect({ who, listed }).toEqual({ who, listed: expected[who] });
        expect(await countApprovals({ ctx: t.as[who] })).toEqual({ pending: expected[who] });
      }
      // An approval for owners only is not counted for the editor; a second run adds one.
      const { workflow } = await createWorkflow({
        ctx: t.as.owner,
        input: { projectId: t.project.id, name: "Owners only", graph: approvalGraph("owner") },
      });
      await publishWorkflow({ ctx: t.as.owner, input: { workflowId: workflow.id, revision: 1 } });
      await startRun({ ctx: t.as.owner, input: { workflowId: workflow.id } });
      expect(await countApprovals({ ctx: t.as.editor })).toEqual({ pending: 1 });
      expect(await countApprovals({ ctx: t.as.owner })).toEqual({ pending: 2 });
      const owner = (await listApprovals({ ctx: t.as.owner })).approvals;
      // (One transaction: both were asked at the same now(), so their order is not tested here.)
      expect(owner.map((a) => [a.workflow.name, a.role]).sort()).toEqual([
        ["Owners only", "owner"],
        ["Review", "editor"],
      ]);
      // An archived project is read-only: its approvals cannot be decided, so none is listed
      // or counted (they come back with the project).
      await updateProject({ ctx: t.as.owner, input: { id: t.project.id, archived: true } });
      expect(await listApprovals({ ctx: t.as.owner })).toEqual({ approvals: [] });
      expect(await countApprovals({ ctx: t.as.owner })).toEqual({ pending: 0 });
      await updateProject({ ctx: t.as.owner, input: { id: t.project.id, archived: false } });
      expect(await countApprovals({ ctx: t.as.owner })).toEqual({ pending: 2 });
    },
  );

  dbTest(
    "the form approves with a comment: the run finishes, the approval leaves the list and the count",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services, "editor");
      const state = await decideApprovalWithForm(
        t.as.editor,
        form({ approvalId: t.approval.id, decision: "approve", comment: "Looks right" }),
      );
      expect(state).toEqual({ done: { status: "approved", runId: t.run.id } });
      const { run, approvals } = await getRun({ ctx: t.as.owner, input: { runId: t.run.id } });
      expect(run).toMatchObject({ status: "succeeded", output: "approved" });
      expect(approvals[0]).toMatchObject({
        status: "approved",
        comment: "Looks right",
        decidedBy: t.team.editor.actor.userId,
      });
      expect((await listApprovals({ ctx: t.as.editor })).approvals).toEqual([]);
      expect(await countApprovals({ ctx: t.as.owner })).toEqual({ pending: 0 });

      // Deciding again is refused in words, and what was typed is kept for the form.
      const again = await decideApprovalWithForm(
        t.as.owner,
        form({ approvalId: t.approval.id, decision: "reject", comment: "Too late" }),
      );
      expect(again).toEqual({
        comment: "Too late",
        stale: true,
        error: "The run has ended (succeeded); there is nothing to decide.",
      });
    },
  );

  dbTest(
    "the form's refusals: a viewer, an outsider, an unknown id, no decision, a long comment",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services, "editor");
      const decide = (who: (typeof WHO)[number], fields: Record<string, string>) =>
        decideApprovalWithForm(t.as[who], form({ approvalId: t.approval.id, ...fields }));
      expect(await decide("viewer", { decision: "approve", comment: "me" })).toEqual({
        comment: "me",
        error: "Deciding this needs the editor role in the project; you are a viewer.",
      });
      const gone = {
        comment: "",
        stale: true,
        error: "This approval is gone, or you can no longer see it.",
      };
      expect(await decide("outsider", { decision: "approve" })).toEqual(gone);
      expect(
        await decideApprovalWithForm(
          t.as.editor,
          form({ approvalId: "not-an-id", decision: "approve" }),
        ),
      ).toEqual(gone);
      expect(await decide("editor", { decision: "maybe" })).toEqual({
        comment: "",
        error: "Choose Approve or Reject.",
      });
      const long = "x".repeat(2001);
      expect(await decide("editor", { decision: "reject", comment: long })).toEqual({
        comment: long,
        commentError: "Keep the comment under 2000 characters.",
      });
      // None of these decided anything.
      expect(await countApprovals({ ctx: t.as.editor })).toEqual({ pending: 1 });
    },
  );

  dbTest("the form rejects: the run takes the rejected way", async ({ db, services }) => {
    const t = await workflowTeam(db, services, "editor");
    const state = await decideApprovalWithForm(
      t.as.owner,
      form({ approvalId: t.approval.id, decision: "reject", comment: "Not now" }),
    );
    expect(state).toEqual({ done: { status: "rejected", runId: t.run.id } });
    const { run, approvals } = await getRun({ ctx: t.as.owner, input: { runId: t.run.id } });
    expect(approvals[0]).toMatchObject({ status: "rejected", comment: "Not now" });
    expect(run.status).not.toBe("waiting_approval");
    expect(await countApprovals({ ctx: t.as.editor })).toEqual({ pending: 0 });
  });
});
