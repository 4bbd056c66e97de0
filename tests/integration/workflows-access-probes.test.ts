import { createHmac, randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createProject, updateProject } from "@/lib/projects";
import {
  cancelRun,
  createWorkflow,
  decideApproval,
  deleteWorkflow,
  diffVersions,
  getRun,
  getVersion,
  getWorkflow,
  listApprovals,
  listRunEvents,
  listRuns,
  listVersions,
  listWorkflows,
  publishWorkflow,
  rerunFromStep,
  restoreVersion,
  rotateWebhookSecret,
  startRun,
  triggerWebhook,
  updateWorkflow,
} from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import { outcome } from "../helpers/team";
import { approvalGraph, waitingRun, workflowTeam } from "../helpers/workflow-fixtures";

/** Every service that takes a workflow, run or approval id, called by `ctx` with these ids. */
function probes(ctx: Ctx, ids: { workflowId: string; runId: string; approvalId: string }) {
  const { workflowId, runId, approvalId } = ids;
  return {
    getWorkflow: () => getWorkflow({ ctx, input: { workflowId } }),
    updateWorkflow: () => updateWorkflow({ ctx, input: { workflowId, revision: 1, name: "Mine" } }),
    publishWorkflow: () => publishWorkflow({ ctx, input: { workflowId, revision: 1 } }),
    deleteWorkflow: () => deleteWorkflow({ ctx, input: { workflowId } }),
    listVersions: () => listVersions({ ctx, input: { workflowId } }),
    getVersion: () => getVersion({ ctx, input: { workflowId, number: 1 } }),
    diffVersions: () => diffVersions({ ctx, input: { workflowId, from: 1, to: 0 } }),
    restoreVersion: () => restoreVersion({ ctx, input: { workflowId, number: 1 } }),
    rotateWebhookSecret: () => rotateWebhookSecret({ ctx, input: { workflowId } }),
    startRun: () => startRun({ ctx, input: { workflowId } }),
    listRuns: () => listRuns({ ctx, input: { workflowId } }),
    getRun: () => getRun({ ctx, input: { runId } }),
    listRunEvents: () => listRunEvents({ ctx, input: { runId } }),
    cancelRun: () => cancelRun({ ctx, input: { runId } }),
    rerunFromStep: () => rerunFromStep({ ctx, input: { runId, fromNodeId: "trigger" } }),
    decideApproval: () => decideApproval({ ctx, input: { approvalId, decision: "approve" } }),
  };
}

/** Each probe's outcome, one at a time (they share the test's transaction). */
async function outcomes(calls: Record<string, () => Promise<unknown>>) {
  const out: Record<string, "ok" | number> = {};
  for (const [name, call] of Object.entries(calls)) out[name] = await outcome(call());
  return out;
}
const all = (calls: Record<string, unknown>, value: "ok" | number) =>
  Object.fromEntries(Object.keys(calls).map((k) => [k, value]));

describe("workflows: other tenants, malformed ids, key scopes, archived projects", () => {
  dbTest(
    "the outsider's own workflow, run and approval are 404 to a member of the first project, and stay as they were",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services);
      const outsider = t.flows.with(t.team.outsider);
      const { project: theirs } = await createProject({ ctx: outsider, input: { name: "Theirs" } });
      const their = await waitingRun(outsider, theirs.id);
      const calls = probes(t.as.owner, {
        workflowId: their.workflow.id,
        runId: their.run.id,
        approvalId: their.approval.id,
      });
      expect(await outcomes(calls)).toEqual(all(calls, 404));
      expect(
        await outcome(listWorkflows({ ctx: t.as.owner, input: { projectId: theirs.id } })),
      ).toBe(404);
      const mine = await listApprovals({ ctx: t.as.owner });
      expect(mine.approvals.map((a) => a.id)).toEqual([t.approval.id]);
      // Nothing of theirs moved.
      const { workflow } = await getWorkflow({
        ctx: outsider,
        input: { workflowId: their.workflow.id },
      });
      expect(workflow).toMatchObject({ revision: 1, publishedVersion: 1, name: "Review" });
      expect(workflow.webhook.hasSecret).toBe(false);
      const run = await getRun({ ctx: outsider, input: { runId: their.run.id } });
      expect(run.run).toMatchObject({ status: "waiting_approval", cancelRequested: false });
      expect(run.approvals.map((a) => a.status)).toEqual(["pending"]);
      expect(
        (await listRuns({ ctx: outsider, input: { workflowId: their.workflow.id } })).runs,
      ).toHaveLength(1);
    },
  );

  dbTest(
    "malformed and unknown ids are 404 for every service, webhooks too",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services);
      for (const id of ["not-a-uuid", "../../etc/passwd", "", `${t.workflow.id}x`, randomUUID()]) {
        const calls = {
          ...probes(t.as.owner, { workflowId: id, runId: id, approvalId: id }),
          triggerWebhook: () =>
            triggerWebhook({ ctx: t.as.owner, input: { workflowId: id, body: "{}" } }),
          listWorkflows: () => listWorkflows({ ctx: t.as.owner, input: { projectId: id } }),
        };
        expect(await outcomes(calls), id).toEqual(all(calls, 404));
      }
    },
  );

  dbTest(
    "a read-only API key reads every workflow thing and writes none (403)",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services);
      const owner = t.as.owner;
      const readOnly: Ctx = {
        ...owner,
        actor: { ...owner.actor, via: "api_key", scopes: ["read"] },
      };
      const calls = probes(readOnly, {
        workflowId: t.workflow.id,
        runId: t.run.id,
        approvalId: t.approval.id,
      });
      const reads = [
        "getWorkflow",
        "listVersions",
        "getVersion",
        "diffVersions",
        "listRuns",
        "getRun",
        "listRunEvents",
      ];
      const writes = {
        ...Object.fromEntries(Object.entries(calls).filter(([k]) => !reads.includes(k))),
        createWorkflow: () =>
          createWorkflow({ ctx: readOnly, input: { projectId: t.project.id, name: "Keyed" } }),
      };
      expect(await outcomes(writes)).toEqual(all(writes, 403));
      const refused = await startRun({ ctx: readOnly, input: { workflowId: t.workflow.id } }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).message).toBe('This API key lacks the "write" scope.');
      const readCalls = Object.fromEntries(
        Object.entries(calls).filter(([k]) => reads.includes(k)),
      );
      expect(await outcomes(readCalls)).toEqual(all(readCalls, "ok"));
      expect(await outcome(listWorkflows({ ctx: readOnly, input: {} }))).toBe("ok");
      expect(await outcome(listApprovals({ ctx: readOnly }))).toBe("ok");
      // Nothing was written: still one run, waiting; the draft and its version as they were.
      const { runs } = await listRuns({ ctx: owner, input: { workflowId: t.workflow.id } });
      expect(runs.map((r) => r.status)).toEqual(["waiting_approval"]);
      const { workflow } = await getWorkflow({ ctx: owner, input: { workflowId: t.workflow.id } });
      expect(workflow).toMatchObject({ revision: 1, publishedVersion: 1, name: "Review" });
    },
  );
  dbTest(
    "an archived project refuses every content write (409), a viewer still hears 403; reads and cancelling work",
    async ({ db, services }) => {
      const t = await workflowTeam(db, services);
      const { owner, viewer } = t.as;
      const workflowId = t.workflow.id;
      const graph = approvalGraph();
      Object.assign(graph.nodes[0]!.config, { webhook: { auth: "hmac" } });
      const { workflow } = await updateWorkflow({
        ctx: owner,
        input: { workflowId, revision: 1, graph, triggers: ["webhook"] },
      });
      await publishWorkflow({ ctx: owner, input: { workflowId, revision: workflow.revision } });
      const { secret } = await rotateWebhookSecret({ ctx: owner, input: { workflowId } });
      const second = await startRun({ ctx: owner, input: { workflowId } });
      const [approval] = (await getRun({ ctx: owner, input: { runId: second.run.id } })).approvals;
      await cancelRun({ ctx: owner, input: { runId: t.run.id } }); // ended: it could be re-run
      await updateProject({ ctx: owner, input: { id: t.project.id, archived: true } });

      const body = JSON.stringify({ hello: "archive" });
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const revision = workflow.revision;
      const writes = {
        createWorkflow: () =>
          createWorkflow({ ctx: owner, input: { projectId: t.project.id, name: "New" } }),
        updateWorkflow: () =>
          updateWorkflow({ ctx: owner, input: { workflowId, revision, name: "X" } }),
        publishWorkflow: () => publishWorkflow({ ctx: owner, input: { workflowId, revision } }),
        restoreVersion: () => restoreVersion({ ctx: owner, input: { workflowId, number: 1 } }),
        rotateWebhookSecret: () => rotateWebhookSecret({ ctx: owner, input: { workflowId } }),
        startRun: () => startRun({ ctx: owner, input: { workflowId } }),
        testRunDraft: () => startRun({ ctx: owner, input: { workflowId, draft: true } }),
        rerunFromStep: () =>
          rerunFromStep({ ctx: owner, input: { runId: t.run.id, fromNodeId: "trigger" } }),
        decideApproval: () =>
          decideApproval({ ctx: owner, input: { approvalId: approval!.id, decision: "approve" } }),
        deleteWorkflow: () => deleteWorkflow({ ctx: owner, input: { workflowId } }),
        triggerWebhook: () =>
          triggerWebhook({
            ctx: { ...owner, actor: { kind: "anonymous" } },
            input: { workflowId, body, signature },
          }),
      };
      for (const [what, write] of Object.entries(writes)) {
        const e = await write().catch((err: unknown) => err);
        expect(e, what).toBeInstanceOf(AppError);
        expect(e, what).toMatchObject({
          status: 409,
          message: "This project is archived; restore it to change it.",
        });
      }
      const roleFirst = {
        updateWorkflow: () =>
          updateWorkflow({ ctx: viewer, input: { workflowId, revision, name: "V" } }),
        publishWorkflow: () => publishWorkflow({ ctx: viewer, input: { workflowId, revision } }),
        startRun: () => startRun({ ctx: viewer, input: { workflowId } }),
        decideApproval: () =>
          decideApproval({ ctx: viewer, input: { approvalId: approval!.id, decision: "reject" } }),
      };
      expect(await outcomes(roleFirst)).toEqual(all(roleFirst, 403));
      const reads = probes(viewer, { workflowId, runId: second.run.id, approvalId: approval!.id });
      const readCalls = {
        getWorkflow: reads.getWorkflow,
        listVersions: reads.listVersions,
        diffVersions: reads.diffVersions,
        listRuns: reads.listRuns,
        getRun: reads.getRun,
        listRunEvents: reads.listRunEvents,
      };
      expect(await outcomes(readCalls)).toEqual(all(readCalls, "ok"));
      // Stopping a run is tidying up, which an archive allows; nothing else was started.
      await cancelRun({ ctx: owner, input: { runId: second.run.id } });
      const { runs } = await listRuns({ ctx: owner, input: { workflowId } });
      expect(runs.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
      expect((await getWorkflow({ ctx: owner, input: { workflowId } })).workflow).toMatchObject({
        revision,
        publishedVersion: 2,
        name: "Review",
      });
    },
  );
});
