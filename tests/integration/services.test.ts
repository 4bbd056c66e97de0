import { eq } from "drizzle-orm";
import { beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as v1Chat } from "@/app/api/v1/chat/completions/route";
import { aiRequests, auditLog } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { fixedClock } from "@/lib/clock";
import { ANONYMOUS, type Actor } from "@/lib/context";
import { createProject, updateProject } from "@/lib/projects";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { createCtx, getServices } from "@/lib/services";
import { signedInUser } from "../helpers/auth";
import { dbTest, testServices, userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

describe("the composition root", () => {
  dbTest("createCtx hands a ctx the services' effects and a request id", async ({ services }) => {
    const ctx = await createCtx(services, { actor: ANONYMOUS, requestId: "req-1" });
    expect(ctx).toMatchObject({ actor: ANONYMOUS, requestId: "req-1" });
    expect(ctx.ai).toBe(services.ai);
    expect(ctx.cache).toBe(services.cache);
    expect(ctx.limiter).toBe(services.limiter);
    expect(ctx.clock).toBe(services.clock);
    expect(ctx.db).toBe(await services.database.db());
    // The session key is resolved once, by the root, into the env every ctx shares.
    expect(ctx.env.secretKey).toHaveLength(64);
    const job = await createCtx(services, { actor: { kind: "system", job: "cleanup" } });
    expect(job.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  dbTest("services read the time from the clock they were given", async ({ db }) => {
    const clock = fixedClock("2031-05-06T07:08:09.000Z");
    const services = testServices(db, { clock });
    try {
      const user = await userCtx(db);
      const ctx = { ...(await createCtx(services, { actor: user.actor })), db };
      const { project } = await createProject({ ctx, input: { name: "Clocked" } });
      const renamed = await updateProject({ ctx, input: { id: project.id, name: "Renamed" } });
      expect(renamed.project.updatedAt).toBe("2031-05-06T07:08:09.000Z");
    } finally {
      await services.close();
    }
  });

  dbTest(
    "closing writes the queued ledger rows and leaves the parts it was handed working",
    async ({ db }) => {
      const limiter = createMemoryRateLimiter();
      const services = testServices(db, { limiter });
      services.ai.ledger.record({
        taskType: "chat",
        latencyMs: 1,
        status: "ok",
        source: "api",
        requestId: "queued-at-close",
      });
      await services.close();
      const rows = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, "queued-at-close"));
      expect(rows).toHaveLength(1);
      const rule = { name: "t", points: 1, windowSeconds: 60 };
      expect((await limiter.consume(rule, "still-open")).allowed).toBe(true);
    },
  );
});

describe("a system job acting for a user", () => {
  routerTest(
    "its AI calls are charged to the user and marked with the source and the workflow step",
    async ({ db, install }) => {
      const router = await install(fake);
      const user = await userCtx(db);
      const actor: Actor = { kind: "system", job: "workflow-run", onBehalfOf: user.actor };
      const ctx = { ...(await createCtx(getServices(), { actor })), db };
      const runId = "00000000-0000-4000-8000-0000000000a1";
      const stepId = "00000000-0000-4000-8000-0000000000b2";
      const result = await ctx.ai.complete(ctx, {
        messages: [{ role: "user", content: "summarize the step input" }],
        source: "workflow",
        workflow: { runId, stepId },
      });
      expect(result.text).toBe("echo: summarize the step input");
      await router.ledger.flush();
      const [row] = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, ctx.requestId));
      expect(row).toMatchObject({
        userId: user.actor.userId,
        apiKeyId: null,
        source: "workflow",
        workflowRunId: runId,
        workflowStepId: stepId,
        status: "ok",
      });
    },
  );

  dbTest("its audit rows name the user, with the job in the metadata", async ({ db }) => {
    const user = await userCtx(db);
    const ctx = {
      ...user,
      actor: { kind: "system", job: "schedule:nightly", onBehalfOf: user.actor } as Actor,
    };
    await recordAudit(ctx, { action: "project.update", metadata: { name: "x" } });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "project.update"));
    expect(row).toMatchObject({
      actorId: user.actor.userId,
      metadata: { name: "x", job: "schedule:nightly" },
    });
  });
});

describe("every ledger row names where its request came from", () => {
  routerTest(
    "the OpenAI API and the stateless app chat are api, the stored conversation is chat",
    async ({ db, install }) => {
      const router = await install(fake);
      const { cookie } = await signedInUser("sources");
      const keyRes = await call(createKey, "/api/keys", {
        json: { name: "k", scopes: ["read", "write"] },
        cookie,
      });
      const { key } = await keyRes.json();
      const messages = [{ role: "user", content: "which source am I" }];
      const v1 = await call(v1Chat, "/api/v1/chat/completions", {
        json: { model: "auto", messages, cache: "bypass" },
        headers: { authorization: `Bearer ${key}` },
      });
      const stateless = await call(aiChat, "/api/ai/chat", {
        json: { messages, cache: "bypass" },
        cookie,
      });
      const stored = await call(aiChat, "/api/ai/chat", {
        json: { content: "which source am I", cache: "bypass" },
        cookie,
      });
      expect([v1.status, stateless.status, stored.status]).toEqual([200, 200, 200]);
      await router.ledger.flush();
      const ids = [v1, stateless, stored].map((r) => r.headers.get("x-request-id")!);
      const rows = await db.select().from(aiRequests);
      expect(ids.map((id) => rows.find((r) => r.requestId === id)?.source)).toEqual([
        "api",
        "api",
        "chat",
      ]);
    },
  );
});
