import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { documents } from "@/db/schema";
import { createDatabase, listRecords } from "@/lib/databases";
import { createDocument } from "@/lib/documents";
import { updateMember } from "@/lib/projects";
import { getRun, startRun } from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import { projectTeam, type ProjectTeam } from "../helpers/team";
import { chain, deploy, runOf, statuses, stepOf, trigger } from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// The database and document nodes act as the run's user through the real project services.
async function ticketsOf(team: ProjectTeam) {
  const { database } = await createDatabase({
    ctx: team.owner,
    input: {
      projectId: team.project.id,
      name: "Tickets",
      fields: [
        { name: "Title", type: "text" },
        { name: "status", type: "text" },
      ],
    },
  });
  return database;
}

describe("the database node", () => {
  dbTest(
    "inserts, updates the record by an expression's id, and queries by field name",
    async ({ db, services }) => {
      const team = await projectTeam(db, "DB");
      const owner = inlineWorkflows(services, db).with(team.owner);
      const database = await ticketsOf(team);
      const databaseId = database.id;
      const id = await deploy(
        owner,
        team.project.id,
        chain(
          trigger([{ name: "title" }]),
          {
            id: "add",
            type: "database",
            config: {
              operation: "insert",
              databaseId,
              values: { title: "trigger.title", status: '"new"' },
            },
          },
          {
            id: "mark",
            type: "database",
            config: {
              operation: "update",
              databaseId,
              recordId: "add.record.id",
              values: { Status: '"done"' },
            },
          },
          {
            id: "find",
            type: "database",
            config: {
              operation: "query",
              databaseId,
              filters: [
                { field: "status", op: "equals", value: "done" },
                { field: "title", op: "contains", value: "{{ trigger.title }}" },
              ],
            },
          },
          {
            id: "out",
            type: "output",
            config: {
              expression:
                '{"id": add.record.id, "found": find.records.map(r, r.id), "total": find.total}',
            },
          },
        ),
      );
      const done = await runOf(owner, id, { title: "Export crashes" });
      expect(done.run.status).toBe("succeeded");
      const out = done.run.output as { id: string; found: string[]; total: number };
      expect(out).toEqual({ id: expect.any(String), found: [out.id], total: 1 });
      const [titleId, statusId] = database.fields.map((f) => f.id);
      expect(stepOf(done, "add").output).toMatchObject({
        record: { data: { [titleId!]: "Export crashes", [statusId!]: "new" } },
      });
      const { records } = await listRecords({
        ctx: team.owner,
        input: { projectId: team.project.id, databaseId },
      });
      expect(records.map((r) => [r.id, r.data])).toEqual([
        [out.id, { [titleId!]: "Export crashes", [statusId!]: "done" }],
      ]);
    },
  );

  dbTest(
    "a run acts as its user: started by an editor since demoted to viewer, its insert is forbidden",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Demoted");
      const flows = inlineWorkflows(services, db);
      const database = await ticketsOf(team);
      const id = await deploy(
        flows.with(team.owner),
        team.project.id,
        chain(
          trigger(),
          { id: "read", type: "database", config: { operation: "query", databaseId: database.id } },
          {
            id: "add",
            type: "database",
            config: { operation: "insert", databaseId: database.id, values: { title: '"x"' } },
          },
        ),
      );
      // Started by the editor but not yet worked (no queue hop), then the editor is demoted.
      const editor = { ...team.editor, workflows: { ...flows.queue, enqueue: async () => {} } };
      const { run } = await startRun({ ctx: editor, input: { workflowId: id } });
      expect(run).toMatchObject({ status: "queued", actorId: team.editor.actor.userId });
      await updateMember({
        ctx: team.owner,
        input: { projectId: team.project.id, userId: team.editor.actor.userId, role: "viewer" },
      });
      await flows.queue.advance(run.id);
      const done = await getRun({ ctx: team.owner, input: { runId: run.id } });
      expect(done.run).toMatchObject({
        status: "failed",
        error: { code: "forbidden", nodeId: "add" },
      });
      expect(statuses(done)).toEqual({ trigger: "succeeded", read: "succeeded", add: "failed" });
      expect(stepOf(done, "add").error).toMatchObject({ code: "forbidden" });
      const { records } = await listRecords({
        ctx: team.owner,
        input: { projectId: team.project.id, databaseId: database.id },
      });
      expect(records).toEqual([]);
    },
  );
});

describe("the document node", () => {
  dbTest("creates a document and appends to another", async ({ db, services }) => {
    const team = await projectTeam(db, "Docs");
    const owner = inlineWorkflows(services, db).with(team.owner);
    const { document: log } = await createDocument({
      ctx: team.owner,
      input: {
        projectId: team.project.id,
        title: "Log",
        content: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Started." }] }],
        },
      },
    });
    const id = await deploy(
      owner,
      team.project.id,
      chain(
        trigger([{ name: "topic" }]),
        {
          id: "make",
          type: "document",
          config: {
            title: "Notes on {{ trigger.topic }}",
            text: "About {{ trigger.topic }}.\n\nSecond paragraph.",
          },
        },
        {
          id: "note",
          type: "document",
          config: {
            mode: "append",
            documentId: log.id,
            title: "unused",
            text: "Wrote {{ make.document.title }}.",
          },
        },
        {
          id: "out",
          type: "output",
          config: { expression: '{"made": make.document.id, "version": note.document.version}' },
        },
      ),
    );
    const done = await runOf(owner, id, { topic: "routers" });
    expect(done.run.status).toBe("succeeded");
    const out = done.run.output as { made: string; version: number };
    expect(out.version).toBe(log.version + 1);
    const [made] = await db.select().from(documents).where(eq(documents.id, out.made));
    expect(made).toMatchObject({
      projectId: team.project.id,
      title: "Notes on routers",
      createdBy: team.owner.actor.userId,
    });
    expect(made!.text).toContain("About routers.");
    expect(made!.text).toContain("Second paragraph.");
    const [appended] = await db.select().from(documents).where(eq(documents.id, log.id));
    expect(appended!.title).toBe("Log");
    expect(appended!.content).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Started." }] },
        { type: "paragraph", content: [{ type: "text", text: "Wrote Notes on routers." }] },
      ],
    });
  });
});
