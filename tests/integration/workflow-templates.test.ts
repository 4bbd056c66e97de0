import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { aiRequests, documents } from "@/db/schema";
import { createDatabase, listRecords } from "@/lib/databases";
import { AppError } from "@/lib/errors";
import type { Services } from "@/lib/services";
import {
  createWorkflow,
  decideApproval,
  getRun,
  listApprovals,
  publishWorkflow,
  rotateWebhookSecret,
  startRun,
  triggerWebhook,
  updateWorkflow,
} from "@/lib/workflows";
import { dbTest, useTestServices } from "../helpers/db";
import { lastUserText, startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { fakeProviderServices } from "../helpers/router";
import { projectTeam } from "../helpers/team";
import { inlineWorkflows } from "../helpers/workflows";

let fake: FakeProvider;
let page: Server;
let pageUrl: string;
beforeAll(async () => {
  fake = await startFakeProvider({
    apiKey: "sk-test",
    respond: (body) => {
      const text = lastUserText(body);
      if (text.startsWith("Classify")) return '{"label": "bug"}';
      if (text.startsWith("Summarize")) return "- routers route\n- caches cache";
      return `echo: ${text}`;
    },
  });
  page = createServer((_req, res) => res.end("<h1>Routers</h1><p>They route requests.</p>"));
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/article`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((r) => page.close(r));
});

/** Services whose router talks to the fake provider, and runs advanced inline in the test's transaction. */
const test = dbTest.extend<{ app: Services }>({
  app: async ({ services }, use) => {
    const app = fakeProviderServices(services, fake);
    useTestServices(app);
    await use(app);
    await app.close();
    useTestServices(services);
  },
});

describe("workflow templates run against the fake provider", () => {
  test("summarize a URL into a project document (http → llm → document), with the steps on the ledger", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Docs");
    const flows = inlineWorkflows(app, db, { httpAllow: "127.0.0.1" });
    const owner = flows.with(team.owner);
    const { workflow } = await createWorkflow({
      ctx: owner,
      input: { projectId: team.project.id, name: "Summaries", template: "summarize-url" },
    });
    expect(workflow.issues).toEqual([]);
    await publishWorkflow({
      ctx: owner,
      input: { workflowId: workflow.id, revision: workflow.revision },
    });
    const { run } = await startRun({
      ctx: owner,
      input: { workflowId: workflow.id, input: { url: pageUrl } },
    });
    const done = await getRun({ ctx: owner, input: { runId: run.id } });
    expect(done.run).toMatchObject({ status: "succeeded", version: 1, trigger: "manual" });
    expect(done.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["trigger", "succeeded"],
      ["fetch", "succeeded"],
      ["summarize", "succeeded"],
      ["save", "succeeded"],
      ["result", "succeeded"],
    ]);
    const output = done.run.output as { document: string; summary: string };
    expect(output.summary).toBe("- routers route\n- caches cache");
    const [doc] = await db.select().from(documents).where(eq(documents.id, output.document));
    expect(doc).toMatchObject({
      projectId: team.project.id,
      title: `Summary of ${pageUrl}`,
      createdBy: team.owner.actor.userId,
    });
    expect(doc!.text).toContain("routers route");
    // The model saw the page, and its call is on the ledger with the run's and step's ids.
    expect(fake.calls.some((c) => lastUserText(c.body).includes("They route requests."))).toBe(
      true,
    );
    await app.ai.close();
    const summarize = done.steps.find((s) => s.nodeId === "summarize")!;
    const rows = await db.select().from(aiRequests).where(eq(aiRequests.workflowRunId, run.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "workflow",
      workflowStepId: summarize.id,
      projectId: team.project.id,
    });
    expect(summarize.tokens).toBeGreaterThan(0);
  });

  test("classify a signed webhook payload and insert it into a project database", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Inbox");
    const flows = inlineWorkflows(app, db);
    const owner = flows.with(team.owner);
    const { database } = await createDatabase({
      ctx: owner,
      input: {
        projectId: team.project.id,
        name: "Tickets",
        fields: [
          { name: "text", type: "text" },
          { name: "label", type: "text" },
        ],
      },
    });
    const { workflow } = await createWorkflow({
      ctx: owner,
      input: {
        projectId: team.project.id,
        name: "Triage",
        template: "classify-webhook",
        templateParams: { databaseId: database.id },
      },
    });
    const { workflow: w2 } = await updateWorkflow({
      ctx: owner,
      input: { workflowId: workflow.id, revision: workflow.revision, triggers: ["webhook"] },
    });
    await publishWorkflow({
      ctx: owner,
      input: { workflowId: workflow.id, revision: w2.revision },
    });
    const { secret } = await rotateWebhookSecret({
      ctx: owner,
      input: { workflowId: workflow.id },
    });
    const body = JSON.stringify({ text: "The export button crashes" });
    const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    const anonymous = flows.with({ ...team.owner, actor: { kind: "anonymous" } });
    await expect(
      triggerWebhook({
        ctx: anonymous,
        input: { workflowId: workflow.id, body, signature: "sha256=00" },
      }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    const { run, created } = await triggerWebhook({
      ctx: anonymous,
      input: { workflowId: workflow.id, body, signature },
    });
    expect(created).toBe(true);
    const done = await getRun({ ctx: owner, input: { runId: run.id } });
    expect(done.run).toMatchObject({
      status: "succeeded",
      trigger: "webhook",
      output: "bug",
      actorId: team.owner.actor.userId,
    });
    const { records } = await listRecords({
      ctx: owner,
      input: { projectId: team.project.id, databaseId: database.id },
    });
    const [text, label] = database.fields.map((f) => f.id);
    expect(records.map((r) => r.data)).toEqual([
      { [text!]: "The export button crashes", [label!]: "bug" },
    ]);
  });

  test("a scheduled digest waits for an editor's approval before it writes the document", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Digest");
    const flows = inlineWorkflows(app, db);
    const [owner, editor, viewer] = [
      flows.with(team.owner),
      flows.with(team.editor),
      flows.with(team.viewer),
    ];
    const { database } = await createDatabase({
      ctx: owner,
      input: {
        projectId: team.project.id,
        name: "Notes",
        fields: [{ name: "note", type: "text" }],
      },
    });
    const { workflow } = await createWorkflow({
      ctx: owner,
      input: {
        projectId: team.project.id,
        name: "Weekly",
        template: "database-digest",
        templateParams: { databaseId: database.id },
      },
    });
    await publishWorkflow({
      ctx: owner,
      input: { workflowId: workflow.id, revision: workflow.revision },
    });
    const { run } = await startRun({ ctx: owner, input: { workflowId: workflow.id } });
    expect((await getRun({ ctx: owner, input: { runId: run.id } })).run.status).toBe(
      "waiting_approval",
    );
    // The approval is listed for the editor, not for the viewer, whose decision is refused.
    const { approvals } = await listApprovals({ ctx: editor });
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      role: "editor",
      nodeId: "review",
      workflow: { id: workflow.id },
    });
    expect(approvals[0]!.prompt).toContain("Save this digest?");
    expect((await listApprovals({ ctx: viewer })).approvals).toEqual([]);
    const refused = await decideApproval({
      ctx: viewer,
      input: { approvalId: approvals[0]!.id, decision: "approve" },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 403 });
    await decideApproval({
      ctx: editor,
      input: { approvalId: approvals[0]!.id, decision: "approve", comment: "ship it" },
    });
    const done = await getRun({ ctx: owner, input: { runId: run.id } });
    expect(done.run).toMatchObject({ status: "succeeded", output: "saved" });
    expect(done.approvals[0]).toMatchObject({
      status: "approved",
      comment: "ship it",
      decidedBy: team.editor.actor.userId,
    });
    expect(done.steps.find((s) => s.nodeId === "skipped")?.status).toBe("skipped");
    const docs = await db.select().from(documents).where(eq(documents.projectId, team.project.id));
    expect(docs.map((d) => d.title)).toEqual(["Weekly digest"]);
  });
});
