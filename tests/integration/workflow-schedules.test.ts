import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { workflowRuns } from "@/db/schema";
import { createWorkflow, publishWorkflow, updateWorkflow } from "@/lib/workflows";
import { firesAt, fireSchedules } from "@/lib/workflows/schedules";
import { dbTest, testLog } from "../helpers/db";
import { projectTeam } from "../helpers/team";

const at = (iso: string) => new Date(iso);

describe("schedules", () => {
  dbTest.each([
    ["0 8 * * 1", "UTC", "2026-12-07T08:00:00Z", true], // a Monday, 08:00 UTC
    ["0 8 * * 1", "UTC", "2026-12-07T08:01:00Z", false],
    ["0 8 * * 1", "UTC", "2026-12-08T08:00:00Z", false], // Tuesday
    ["0 8 * * 1", "Europe/Berlin", "2026-12-07T07:00:00Z", true], // 08:00 in Berlin (UTC+1)
    ["0 8 * * 1", "Europe/Berlin", "2026-12-07T08:00:00Z", false],
    ["*/15 * * * *", "UTC", "2026-12-07T10:45:00Z", true],
  ])("%s in %s fires at %s: %s", (cron, tz, iso, expected) => {
    expect(firesAt(cron, tz, at(iso))).toBe(expected);
  });

  dbTest(
    "a tick starts one run per due workflow, and the same tick delivered twice starts no second run",
    async ({ db }) => {
      const team = await projectTeam(db, "Cron");
      const graph = {
        nodes: [
          {
            id: "trigger",
            type: "trigger",
            config: {
              inputs: [],
              schedule: { cron: "0 8 * * 1", timezone: "UTC", input: { kind: "weekly" } },
            },
          },
          { id: "out", type: "output", config: { expression: "trigger.kind" } },
        ],
        edges: [{ id: "e", source: "trigger", target: "out" }],
      };
      const { workflow } = await createWorkflow({
        ctx: team.owner,
        input: { projectId: team.project.id, name: "Weekly", graph },
      });
      const { workflow: w } = await updateWorkflow({
        ctx: team.owner,
        input: { workflowId: workflow.id, revision: workflow.revision, triggers: ["schedule"] },
      });
      await publishWorkflow({
        ctx: team.owner,
        input: { workflowId: workflow.id, revision: w.revision },
      });
      const enqueued: string[] = [];
      const queue = {
        enqueue: async (id: string) => void enqueued.push(id),
        advance: async () => {},
      };
      const tick = (iso: string) => fireSchedules({ db, log: testLog, queue, firedAt: at(iso) });
      expect(await tick("2026-12-07T07:59:30Z")).toBe(0);
      expect(await tick("2026-12-07T08:00:05Z")).toBe(1);
      expect(await tick("2026-12-07T08:00:40Z")).toBe(0); // the same minute again
      const runs = await db
        .select()
        .from(workflowRuns)
        .where(eq(workflowRuns.workflowId, workflow.id));
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        trigger: "schedule",
        input: { kind: "weekly" },
        versionNumber: 1,
        actorId: team.owner.actor.userId,
        idempotencyKey: "schedule:2026-12-07T08:00:00.000Z",
      });
      expect(enqueued).toEqual([runs[0]!.id]);
    },
  );

  dbTest(
    "a workflow whose schedule trigger is not enabled, or that is not published, never fires",
    async ({ db }) => {
      const team = await projectTeam(db, "Quiet");
      const graph = {
        nodes: [
          {
            id: "trigger",
            type: "trigger",
            config: { schedule: { cron: "* * * * *", timezone: "UTC", input: {} } },
          },
        ],
        edges: [],
      };
      const { workflow } = await createWorkflow({
        ctx: team.owner,
        input: { projectId: team.project.id, name: "Off", graph },
      });
      await publishWorkflow({
        ctx: team.owner,
        input: { workflowId: workflow.id, revision: workflow.revision },
      });
      await createWorkflow({
        ctx: team.owner,
        input: { projectId: team.project.id, name: "Draft only", graph },
      });
      const queue = { enqueue: async () => {}, advance: async () => {} };
      expect(
        await fireSchedules({ db, log: testLog, queue, firedAt: at("2026-12-07T08:00:00Z") }),
      ).toBe(0);
    },
  );
});
