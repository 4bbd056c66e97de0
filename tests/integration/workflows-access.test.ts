import { describe, expect } from "vitest";
import {
  cancelRun,
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
  updateWorkflow,
} from "@/lib/workflows";
import { AppError } from "@/lib/errors";
import { dbTest } from "../helpers/db";
import { WHO, type Who } from "../helpers/team";
import {
  approvalGraph,
  workflowTeam,
  type Role,
  type WorkflowTeam,
} from "../helpers/workflow-fixtures";

type T = WorkflowTeam;
/** A list answered without the thing asked about: no error, and nothing to see. */
const HIDDEN = "hidden";
type Outcome = "ok" | typeof HIDDEN | number;

/** "ok", HIDDEN when the call said so, or the HTTP status of the AppError it failed with. */
const got = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (v) => (v === HIDDEN ? HIDDEN : "ok"),
    (e: unknown) => {
      if (e instanceof AppError) return e.status;
      throw e;
    },
  );

const setRunRole = (t: T, runRole: Role) =>
  updateWorkflow({ ctx: t.as.owner, input: { workflowId: t.workflow.id, revision: 1, runRole } });

const MEMBERS_READ = { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 } as const;
const EDITORS = { owner: "ok", editor: "ok", viewer: 403, outsider: 404 } as const;
const OWNERS = { owner: "ok", editor: 403, viewer: 403, outsider: 404 } as const;

const cases: [string, Record<Who, Outcome>, (t: T, w: Who) => Promise<unknown>, Role?][] = [
  [
    "read a workflow",
    MEMBERS_READ,
    (t, w) => getWorkflow({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "list the project's workflows",
    MEMBERS_READ,
    (t, w) => listWorkflows({ ctx: t.as[w], input: { projectId: t.project.id } }),
  ],
  [
    "list every workflow one can see",
    { owner: "ok", editor: "ok", viewer: "ok", outsider: HIDDEN },
    async (t, w) => {
      const { workflows } = await listWorkflows({ ctx: t.as[w], input: {} });
      return workflows.some((x) => x.id === t.workflow.id) ? workflows : HIDDEN;
    },
  ],
  [
    "save the draft",
    EDITORS,
    (t, w) =>
      updateWorkflow({
        ctx: t.as[w],
        input: {
          workflowId: t.workflow.id,
          revision: 1,
          name: `By ${w}`,
          graph: approvalGraph("editor", w),
        },
      }),
  ],
  [
    "publish",
    EDITORS,
    (t, w) => publishWorkflow({ ctx: t.as[w], input: { workflowId: t.workflow.id, revision: 1 } }),
  ],
  [
    "delete the workflow",
    EDITORS,
    (t, w) => deleteWorkflow({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "list versions",
    MEMBERS_READ,
    (t, w) => listVersions({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "read a version",
    MEMBERS_READ,
    (t, w) => getVersion({ ctx: t.as[w], input: { workflowId: t.workflow.id, number: 1 } }),
  ],
  [
    "diff a version against the draft",
    MEMBERS_READ,
    (t, w) => diffVersions({ ctx: t.as[w], input: { workflowId: t.workflow.id, from: 1, to: 0 } }),
  ],
  [
    "restore a version",
    EDITORS,
    (t, w) => restoreVersion({ ctx: t.as[w], input: { workflowId: t.workflow.id, number: 1 } }),
  ],
  [
    "rotate the webhook secret",
    EDITORS,
    (t, w) => rotateWebhookSecret({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "start a run (runRole editor, the default)",
    EDITORS,
    (t, w) => startRun({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "start a run (runRole viewer)",
    MEMBERS_READ,
    async (t, w) => {
      await setRunRole(t, "viewer");
      return startRun({ ctx: t.as[w], input: { workflowId: t.workflow.id } });
    },
  ],
  [
    "start a run (runRole owner)",
    OWNERS,
    async (t, w) => {
      await setRunRole(t, "owner");
      return startRun({ ctx: t.as[w], input: { workflowId: t.workflow.id } });
    },
  ],
  [
    "test-run the draft (runRole viewer: the draft is still for editors)",
    EDITORS,
    async (t, w) => {
      await setRunRole(t, "viewer");
      return startRun({ ctx: t.as[w], input: { workflowId: t.workflow.id, draft: true } });
    },
  ],
  ["read a run", MEMBERS_READ, (t, w) => getRun({ ctx: t.as[w], input: { runId: t.run.id } })],
  [
    "list runs",
    MEMBERS_READ,
    (t, w) => listRuns({ ctx: t.as[w], input: { workflowId: t.workflow.id } }),
  ],
  [
    "read a run's events",
    MEMBERS_READ,
    (t, w) => listRunEvents({ ctx: t.as[w], input: { runId: t.run.id } }),
  ],
  ["cancel a run", EDITORS, (t, w) => cancelRun({ ctx: t.as[w], input: { runId: t.run.id } })],
  [
    "cancel a run (runRole owner)",
    OWNERS,
    async (t, w) => {
      await setRunRole(t, "owner");
      return cancelRun({ ctx: t.as[w], input: { runId: t.run.id } });
    },
  ],
  [
    "re-run an ended run from a step",
    EDITORS,
    async (t, w) => {
      await cancelRun({ ctx: t.as.owner, input: { runId: t.run.id } });
      return rerunFromStep({ ctx: t.as[w], input: { runId: t.run.id, fromNodeId: "review" } });
    },
  ],
  [
    "list pending approvals (approval role editor)",
    { owner: "ok", editor: "ok", viewer: HIDDEN, outsider: HIDDEN },
    async (t, w) => {
      const { approvals } = await listApprovals({ ctx: t.as[w] });
      return approvals.some((a) => a.id === t.approval.id) ? approvals : HIDDEN;
    },
  ],
  [
    "list pending approvals (approval role owner)",
    { owner: "ok", editor: HIDDEN, viewer: HIDDEN, outsider: HIDDEN },
    async (t, w) => {
      const { approvals } = await listApprovals({ ctx: t.as[w] });
      return approvals.some((a) => a.id === t.approval.id) ? approvals : HIDDEN;
    },
    "owner",
  ],
  [
    "decide an approval (approval role editor)",
    EDITORS,
    (t, w) =>
      decideApproval({ ctx: t.as[w], input: { approvalId: t.approval.id, decision: "approve" } }),
  ],
  [
    "decide an approval (approval role owner)",
    OWNERS,
    (t, w) =>
      decideApproval({ ctx: t.as[w], input: { approvalId: t.approval.id, decision: "reject" } }),
    "owner",
  ],
];

describe("workflows: who may do what (services authorize themselves)", () => {
  for (const [what, expected, run, approvalRole] of cases) {
    dbTest(what, async ({ db, services }) => {
      const outcomes: Record<string, Outcome> = {};
      // Each role on a fresh setup, so one role's write cannot change what the next one meets.
      for (const who of WHO)
        outcomes[who] = await got(run(await workflowTeam(db, services, approvalRole), who));
      expect(outcomes).toEqual(expected);
    });
  }
});
