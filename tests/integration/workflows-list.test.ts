import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import { workflowRuns } from "@/db/schema";
import { createWorkflow, listWorkflows } from "@/lib/workflows";
import { RECENT_RUNS } from "@/lib/workflows/views";
import { dbTest } from "../helpers/db";
import { projectTeam, type UserCtx } from "../helpers/team";
import { createProject } from "@/lib/projects";

type Status = (typeof workflowRuns.$inferInsert)["status"];

/** Runs written straight into the table, oldest first, a minute apart (the list only reads them). */
async function runs(
  db: Db,
  w: { id: string; projectId: string },
  statuses: Status[],
  from = "2026-01-01T00:00:00Z",
) {
  const start = Date.parse(from);
  for (const [i, status] of statuses.entries())
    await db.insert(workflowRuns).values({
      workflowId: w.id,
      projectId: w.projectId,
      status,
      trigger: "manual",
      input: {},
      graph: { nodes: [], edges: [] },
      createdAt: new Date(start + i * 60_000),
    });
}

const make = async (ctx: UserCtx, projectId: string, name: string) =>
  (await createWorkflow({ ctx, input: { projectId, name } })).workflow;

describe("the workflows list: project, role, last run and recent failures in one query", () => {
  dbTest("each row carries its project's name, the caller's role and its runs", async ({ db }) => {
    const team = await projectTeam(db, "Ops");
    const quiet = await make(team.owner, team.project.id, "Quiet");
    const flaky = await make(team.owner, team.project.id, "Flaky");
    const broken = await make(team.owner, team.project.id, "Broken");
    await runs(db, flaky, ["failed", "succeeded", "succeeded"]);
    await runs(db, broken, ["succeeded", "failed"]);
    const { workflows } = await listWorkflows({ ctx: team.viewer, input: {} });
    const byName = Object.fromEntries(workflows.map((w) => [w.name, w]));
    expect(Object.keys(byName).sort()).toEqual(["Broken", "Flaky", "Quiet"]);
    expect(byName.Quiet).toMatchObject({
      project: { id: team.project.id, name: "Ops", archived: false },
      role: "viewer",
      canEdit: false,
      lastRun: null,
      recentFailures: 0,
      publishedVersion: null,
    });
    expect(byName.Flaky!.lastRun).toMatchObject({ status: "succeeded" });
    expect(byName.Flaky!.lastRun!.createdAt).toBe("2026-01-01T00:02:00.000Z");
    expect(byName.Flaky!.recentFailures).toBe(1);
    expect(byName.Broken).toMatchObject({ lastRun: { status: "failed" }, recentFailures: 1 });
    expect(byName.Quiet!.id).toBe(quiet.id);
    const editor = await listWorkflows({ ctx: team.editor, input: {} });
    expect(editor.workflows.every((w) => w.role === "editor" && w.canEdit)).toBe(true);
  });

  dbTest(`failures count only the last ${RECENT_RUNS} runs`, async ({ db }) => {
    const team = await projectTeam(db);
    const w = await make(team.owner, team.project.id, "Old failures");
    await runs(db, w, ["failed", "failed", ...Array<Status>(RECENT_RUNS).fill("succeeded")]);
    const [row] = (await listWorkflows({ ctx: team.owner, input: {} })).workflows;
    expect(row).toMatchObject({ recentFailures: 0, lastRun: { status: "succeeded" } });
    await runs(db, w, ["cancelled", "failed"], "2026-02-01T00:00:00Z");
    const [again] = (await listWorkflows({ ctx: team.owner, input: {} })).workflows;
    expect(again).toMatchObject({ recentFailures: 1, lastRun: { status: "failed" } });
  });

  dbTest("another user's workflows never show, with or without filters", async ({ db }) => {
    const mine = await projectTeam(db, "Mine");
    const theirs = await projectTeam(db, "Theirs");
    await make(mine.owner, mine.project.id, "Report mine");
    const hidden = await make(theirs.owner, theirs.project.id, "Report theirs");
    await runs(db, hidden, ["failed"]);
    for (const input of [{}, { q: "Report" }, { q: "theirs" }]) {
      const { workflows } = await listWorkflows({ ctx: mine.owner, input });
      expect(workflows.map((w) => w.name)).toEqual(input.q === "theirs" ? [] : ["Report mine"]);
    }
    // The other project's id is 404, as for a project that does not exist.
    await expect(
      listWorkflows({ ctx: mine.owner, input: { projectId: theirs.project.id } }),
    ).rejects.toMatchObject({ status: 404 });
    // An outsider of both sees nothing at all.
    expect((await listWorkflows({ ctx: mine.outsider, input: {} })).workflows).toEqual([]);
  });

  dbTest("search by name (LIKE wildcards are literal) and filter by project", async ({ db }) => {
    const team = await projectTeam(db, "A");
    const { project: other } = await createProject({ ctx: team.owner, input: { name: "B" } });
    await make(team.owner, team.project.id, "Daily digest");
    await make(team.owner, team.project.id, "100% done");
    await make(team.owner, other.id, "Weekly digest");
    const names = async (input: object) =>
      (await listWorkflows({ ctx: team.owner, input })).workflows.map((w) => w.name).sort();
    expect(await names({ q: "DIGEST" })).toEqual(["Daily digest", "Weekly digest"]);
    expect(await names({ q: "%" })).toEqual(["100% done"]);
    expect(await names({ projectId: other.id })).toEqual(["Weekly digest"]);
    expect(await names({ projectId: team.project.id, q: "digest" })).toEqual(["Daily digest"]);
    const rows = (await listWorkflows({ ctx: team.owner, input: { projectId: other.id } }))
      .workflows;
    expect(rows[0]!.project).toEqual({ id: other.id, name: "B", archived: false });
  });
});
