import { describe, expect } from "vitest";
import { POST as createProjectPost } from "@/app/api/projects/route";
import { GET as exportGet } from "@/app/api/workflows/[id]/export/route";
import { POST as createWorkflowPost } from "@/app/api/workflows/route";
import { createProject } from "@/lib/projects";
import {
  createWorkflow,
  exportWorkflow,
  importWorkflow,
  listWorkflows,
  updateWorkflow,
} from "@/lib/workflows";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";
import { outcome, projectTeam } from "../helpers/team";

const text = (v: unknown) => JSON.stringify(v);

describe("export: a JSON download of the workflow, for its project's members", () => {
  dbTest("GET /api/workflows/:id/export is an attachment; others get 404", async () => {
    await signedInUser("first"); // the first user of a fresh database is admin; ours are members
    const { cookie } = await signedInUser("exporter");
    const { project } = await (
      await call(createProjectPost, "/api/projects", { cookie, json: { name: "P" } })
    ).json();
    const created = await call(createWorkflowPost, "/api/workflows", {
      cookie,
      json: { projectId: project.id, name: "Daily / digest", template: "summarize-url" },
    });
    const { workflow } = await created.json();
    const path = `/api/workflows/${workflow.id}/export`;
    const res = await call(exportGet, path, { cookie, params: { id: workflow.id } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="daily-digest.workflow.json"',
    );
    const file = await res.json();
    expect(file).toMatchObject({
      format: "aios.workflow",
      version: 1,
      name: "Daily / digest",
      runRole: "editor",
      triggers: ["manual"],
      graph: workflow.draft,
    });
    const stranger = await signedInUser("stranger");
    for (const id of [workflow.id, "not-a-uuid"]) {
      const denied = await call(exportGet, `/api/workflows/${id}/export`, {
        cookie: stranger.cookie,
        params: { id },
      });
      expect(denied.status).toBe(404);
      expect((await denied.json()).error.code).toBe("not_found");
    }
    expect((await call(exportGet, path, { params: { id: workflow.id } })).status).toBe(401);
  });
});

describe("import: checked whole before anything is created", () => {
  dbTest("export then import round-trips into another project", async ({ db }) => {
    const team = await projectTeam(db, "Source");
    const { project: target } = await createProject({ ctx: team.owner, input: { name: "T" } });
    const { workflow } = await createWorkflow({
      ctx: team.owner,
      input: {
        projectId: team.project.id,
        name: "Sum",
        description: "d",
        template: "summarize-url",
      },
    });
    await updateWorkflow({
      ctx: team.owner,
      input: { workflowId: workflow.id, revision: 1, runRole: "viewer", triggers: ["webhook"] },
    });
    const { file } = await exportWorkflow({ ctx: team.viewer, input: { workflowId: workflow.id } });
    const { workflow: copy } = await importWorkflow({
      ctx: team.owner,
      input: { projectId: target.id, text: text(file) },
    });
    expect(copy).toMatchObject({
      projectId: target.id,
      name: "Sum",
      description: "d",
      runRole: "viewer",
      triggers: ["manual", "webhook"],
      draft: workflow.draft,
      issues: [],
    });
    const again = await exportWorkflow({ ctx: team.owner, input: { workflowId: copy.id } });
    expect({ ...again.file, exportedAt: "" }).toEqual({ ...file, exportedAt: "" });
    // Same project, same name: refused as a conflict; with another name it goes in.
    const same = { projectId: team.project.id, text: text(file) };
    expect(await outcome(importWorkflow({ ctx: team.owner, input: same }))).toBe(409);
    const renamed = await importWorkflow({ ctx: team.editor, input: { ...same, name: "Sum 2" } });
    expect(renamed.workflow.name).toBe("Sum 2");
  });

  dbTest("bad files are refused with the field, per node and edge", async ({ db }) => {
    const team = await projectTeam(db);
    const projectId = team.project.id;
    const refused = (t: string) =>
      importWorkflow({ ctx: team.owner, input: { projectId, text: t } }).then(
        () => expect.unreachable("imported"),
        (e) => e as { status: number; details: { fields: object[]; issues?: object[] } },
      );
    const notJson = await refused("{ nope");
    expect(notJson.status).toBe(422);
    expect(notJson.details.fields[0]).toMatchObject({ field: "file" });
    const base = {
      format: "aios.workflow",
      version: 1,
      name: "X",
      graph: { nodes: [], edges: [] },
    };
    const wrong = await refused(text({ ...base, version: 7, format: "other" }));
    expect(wrong.details.fields.map((f) => (f as { field: string }).field).sort()).toEqual([
      "file.format",
      "file.version",
    ]);
    const graph = {
      nodes: [
        { id: "trigger", type: "trigger", config: { inputs: [] } },
        { id: "calc", type: "transform", config: { expression: "ghost + 1" } },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "calc" },
        { id: "e2", source: "calc", target: "nowhere" },
      ],
    };
    const broken = await refused(text({ ...base, graph }));
    expect(broken.details.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "dangling_edge", edgeId: "e2" }),
        expect.objectContaining({ nodeId: "calc", field: "config.expression" }),
      ]),
    );
    expect(broken.details.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "graph.e2" }),
        expect.objectContaining({ field: "graph.calc.config.expression" }),
      ]),
    );
    // Content no API body may carry is the file's fault (422 on it), never a 500.
    const trigger = { id: "trigger", type: "trigger", config: { inputs: [] } };
    const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
    const deepText = text({ ...base, graph: { nodes: [trigger], edges: [] } }).replace(
      '"inputs":[]',
      `"inputs":[],"x":${deep}`,
    );
    for (const bad of [
      deepText,
      text({ ...base, name: "a\u0000b" }),
      text({ ...base, graph: { nodes: [{ ...trigger, label: "x\u0000y" }], edges: [] } }),
    ]) {
      const e = await refused(bad);
      expect(e.status).toBe(422);
      expect((e.details.fields[0] as { field: string }).field).toMatch(/^file/);
    }
    expect((await listWorkflows({ ctx: team.owner, input: {} })).workflows).toEqual([]);
  });

  dbTest("viewers may not import (403), outsiders hear nothing (404)", async ({ db }) => {
    const team = await projectTeam(db);
    const input = { projectId: team.project.id, text: "not even json" };
    expect(await outcome(importWorkflow({ ctx: team.viewer, input }))).toBe(403);
    expect(await outcome(importWorkflow({ ctx: team.outsider, input }))).toBe(404);
  });
});
