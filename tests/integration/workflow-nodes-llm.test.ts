import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { aiRequests } from "@/db/schema";
import type { Services } from "@/lib/services";
import { PERSONAS } from "@/lib/workflows/nodes/personas";
import { dbTest, useTestServices } from "../helpers/db";
import { lastUserText, startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { fakeProviderServices } from "../helpers/router";
import { projectTeam } from "../helpers/team";
import { chain, deploy, runOf, statuses, stepOf, trigger } from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// The llm node through the real router against the fake provider: templates, personas, routing,
// JSON output with one repair, and the ledger rows a run's calls leave.
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({
    apiKey: "sk-test",
    respond: (body) => {
      const text = lastUserText(body);
      if (text.startsWith("Repairable"))
        return text.includes("Your previous answer was") ? '{"label": "bug"}' : "Sure! A bug.";
      if (text.startsWith("Hopeless")) return '{"label": 42}';
      return `echo: ${text}`;
    },
  });
});
afterAll(() => fake.close());

const test = dbTest.extend<{ app: Services }>({
  app: async ({ services }, use) => {
    const app = fakeProviderServices(services, fake);
    useTestServices(app);
    await use(app);
    await app.close();
    useTestServices(services);
  },
});

const LABEL_SCHEMA = {
  type: "object",
  properties: { label: { type: "string", enum: ["bug", "feature"] } },
  required: ["label"],
};

const classify = (prompt: string) =>
  chain(
    trigger(),
    { id: "classify", type: "llm", config: { prompt, outputSchema: LABEL_SCHEMA } },
    { id: "out", type: "output", config: { expression: "classify.json.label" } },
  );

describe("the llm node against the fake provider", () => {
  test("renders its prompt from upstream values and sends the persona's system prompt; the call is on the ledger", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "LLM");
    const owner = inlineWorkflows(app, db).with(team.owner);
    const id = await deploy(
      owner,
      team.project.id,
      chain(
        trigger([{ name: "topic" }, { name: "audience" }]),
        { id: "who", type: "transform", config: { expression: 'trigger.audience + "s"' } },
        {
          id: "ask",
          type: "llm",
          config: {
            prompt:
              "Explain {{ trigger.topic }} to {{ who }} in {{ size(trigger.topic) * 2 }} words.",
            persona: "analyst",
          },
        },
        { id: "out", type: "output", config: { expression: "ask.text" } },
      ),
    );
    const before = fake.calls.length;
    const done = await runOf(owner, id, { topic: "caching", audience: "beginner" });
    expect(done.run).toMatchObject({ status: "succeeded" });
    expect(done.run.output).toBe("echo: Explain caching to beginners in 14 words.");
    const calls = fake.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.messages).toEqual([
      { role: "system", content: PERSONAS.analyst },
      { role: "user", content: "Explain caching to beginners in 14 words." },
    ]);
    await app.ai.close(); // flushes the ledger
    const ask = stepOf(done, "ask");
    const rows = await db
      .select()
      .from(aiRequests)
      .where(eq(aiRequests.workflowRunId, done.run.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "workflow",
      workflowRunId: done.run.id,
      workflowStepId: ask.id,
      projectId: team.project.id,
      status: "ok",
    });
    expect(ask.tokens).toBeGreaterThan(0);
    expect(done.run.tokens).toBe(ask.tokens);
  });

  test("taskType routes to the policy's model and an explicit model is served as asked (ledger rows say which)", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Routing");
    const owner = inlineWorkflows(app, db).with(team.owner);
    const id = await deploy(owner, team.project.id, {
      nodes: [
        trigger(),
        { id: "coder", type: "llm", config: { prompt: "Write a loop", taskType: "code" } },
        { id: "pinned", type: "llm", config: { prompt: "Say hi", model: "gpt-4o" } },
        {
          id: "out",
          type: "output",
          config: { expression: '{"coder": coder.model, "pinned": pinned.model}' },
        },
      ],
      edges: [
        { id: "a", source: "trigger", target: "coder" },
        { id: "b", source: "trigger", target: "pinned" },
        { id: "c", source: "coder", target: "out" },
        { id: "d", source: "pinned", target: "out" },
      ],
    });
    const done = await runOf(owner, id);
    expect(done.run).toMatchObject({
      status: "succeeded",
      output: { coder: "claude-3-5-sonnet-latest", pinned: "gpt-4o" },
    });
    await app.ai.close();
    const rows = await db
      .select()
      .from(aiRequests)
      .where(eq(aiRequests.workflowRunId, done.run.id));
    const byStep = Object.fromEntries(rows.map((r) => [r.workflowStepId, r]));
    expect(byStep[stepOf(done, "coder").id]).toMatchObject({
      source: "workflow",
      taskType: "code",
      servedModel: "claude-3-5-sonnet-latest",
      provider: "anthropic",
    });
    expect(byStep[stepOf(done, "pinned").id]).toMatchObject({
      source: "workflow",
      requestedModel: "gpt-4o",
      servedModel: "gpt-4o",
      provider: "openai",
    });
  });

  test("a JSON outputSchema: a bad first answer gets one repair call that succeeds", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Repair");
    const owner = inlineWorkflows(app, db).with(team.owner);
    const id = await deploy(owner, team.project.id, classify("Repairable: the export crashes"));
    const before = fake.calls.length;
    const done = await runOf(owner, id);
    expect(done.run).toMatchObject({ status: "succeeded", output: "bug" });
    const calls = fake.calls.slice(before);
    expect(calls).toHaveLength(2);
    const repair = lastUserText(calls[1]!.body);
    expect(repair).toContain("Your previous answer was:\nSure! A bug.");
    expect(repair).toContain("It was not valid: it is not JSON");
    expect(stepOf(done, "classify").output).toMatchObject({ json: { label: "bug" } });
    await app.ai.close();
    const rows = await db
      .select()
      .from(aiRequests)
      .where(eq(aiRequests.workflowRunId, done.run.id));
    expect(rows.map((r) => r.workflowStepId)).toEqual([
      stepOf(done, "classify").id,
      stepOf(done, "classify").id,
    ]);
  });

  test("two answers that miss the schema fail the step with output_schema_mismatch", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Mismatch");
    const owner = inlineWorkflows(app, db).with(team.owner);
    const id = await deploy(owner, team.project.id, classify("Hopeless: classify this"));
    const before = fake.calls.length;
    const done = await runOf(owner, id);
    expect(fake.calls.length - before).toBe(2);
    expect(done.run).toMatchObject({
      status: "failed",
      error: { code: "output_schema_mismatch", nodeId: "classify" },
    });
    expect(stepOf(done, "classify")).toMatchObject({
      status: "failed",
      error: { code: "output_schema_mismatch" },
    });
    expect(statuses(done)).toEqual({ trigger: "succeeded", classify: "failed" });
  });
});
