import { beforeAll, describe, expect } from "vitest";
import { openPostgres } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { AppError } from "@/lib/errors";
import { HEALTH_TIMEOUT_MS } from "@/lib/monitoring/health";
import { getSystemStatus } from "@/lib/monitoring/status";
import { SystemStatusOutput } from "@/lib/monitoring/schemas";
import { FirstStepsOutput, getFirstSteps } from "@/lib/onboarding";
import { addMember, createProject } from "@/lib/projects";
import { openaiClient } from "../helpers/ai-api";
import { dbTest, makeCtx, userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const stepsOf = async (ctx: Parameters<typeof getFirstSteps>[0]["ctx"]) => {
  const out = await getFirstSteps({ ctx });
  expect(FirstStepsOutput.parse(out)).toEqual(out);
  return Object.fromEntries(out.steps.map((s) => [s.id, s.done]));
};

describe("dashboard: first steps tick themselves off from real data", () => {
  dbTest(
    "an admin's checklist: project, teammate, API key (revoked → unticked)",
    async ({ db }) => {
      const admin = await userCtx(db, { role: "admin" });
      const mate = await userCtx(db);
      const fresh = await getFirstSteps({ ctx: admin });
      expect(fresh).toEqual({
        steps: [
          { id: "provider", done: false },
          { id: "project", done: false },
          { id: "invite", done: false },
          { id: "api_key", done: false },
          { id: "api_call", done: false },
        ],
        completed: 0,
        aiReady: false,
      });

      const { project } = await createProject({ ctx: admin, input: { name: "First" } });
      expect(await stepsOf(admin)).toMatchObject({ project: true, invite: false });
      await addMember({
        ctx: admin,
        input: { projectId: project.id, email: mate.actor.email, role: "editor" },
      });
      expect(await stepsOf(admin)).toMatchObject({ project: true, invite: true });

      const { apiKey: key } = await createApiKey({ ctx: admin, input: { name: "CI" } });
      expect(await stepsOf(admin)).toMatchObject({ api_key: true });
      expect((await getFirstSteps({ ctx: admin })).completed).toBe(3);
      await revokeApiKey({ ctx: admin, input: { id: key.id } });
      expect(await stepsOf(admin)).toMatchObject({ api_key: false });
    },
  );

  dbTest("a member never sees the provider step; their steps are their own", async ({ db }) => {
    const owner = await userCtx(db);
    const member = await userCtx(db);
    await createProject({ ctx: owner, input: { name: "Not yours" } });
    await createApiKey({ ctx: owner, input: { name: "Owner's" } });
    const out = await getFirstSteps({ ctx: member });
    expect(out.steps.map((s) => s.id)).toEqual(["project", "invite", "api_key", "api_call"]);
    expect(out.completed).toBe(0);
    // Signed-in only.
    const anonymous = await makeCtx(db);
    await expect(getFirstSteps({ ctx: anonymous })).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  routerTest(
    "with a provider: the provider step is done, and a call through the OpenAI API ticks the last",
    async ({ install, db }) => {
      const router = await install(fake);
      const ctx = await userCtx(db, { role: "admin" });
      expect(await stepsOf(ctx)).toMatchObject({ provider: true, api_call: false });
      expect((await getFirstSteps({ ctx })).aiReady).toBe(true);

      const { key } = await createApiKey({
        ctx,
        input: { name: "sdk", scopes: ["read", "write"] },
      });
      const client = openaiClient(key);
      await client.chat.completions.create({
        model: "auto",
        messages: [{ role: "user", content: "first call" }],
      });
      await router.close(); // the ledger is batched: write its rows now
      expect(await stepsOf(ctx)).toMatchObject({ provider: true, api_key: true, api_call: true });
    },
  );
});

describe("dashboard: system status", () => {
  dbTest(
    "no provider configured: every provider listed as missing, with setup for admins only",
    async ({ db }) => {
      const admin = await userCtx(db, { role: "admin" });
      const member = await userCtx(db);
      const forAdmin = await getSystemStatus({ ctx: admin });
      expect(SystemStatusOutput.parse(forAdmin)).toEqual(forAdmin);
      expect(forAdmin.database).toEqual({
        status: "ok",
        engine: expect.stringMatching(/^(pglite|postgres)$/),
        latencyMs: expect.any(Number),
      });
      expect(forAdmin.cache).toEqual({ status: "ok", entries: 0, hitRate: 0 });
      expect(forAdmin.providers.map((p) => [p.id, p.configured])).toEqual([
        ["openai", false],
        ["anthropic", false],
        ["google", false],
        ["compat", false],
      ]);
      expect(forAdmin.providers[0]!.setup).toContain("OPENAI_API_KEY");
      expect(forAdmin.providers[1]!.setup).toContain("ANTHROPIC_API_KEY");

      const forMember = await getSystemStatus({ ctx: member });
      expect(forMember.cache).toEqual({ status: "ok" });
      expect(forMember.providers.every((p) => p.setup === undefined)).toBe(true);
      await expect(getSystemStatus({ ctx: await makeCtx(db) })).rejects.toBeInstanceOf(AppError);
    },
  );

  routerTest(
    "configured providers: their routable models and circuits",
    async ({ install, db }) => {
      await install(fake);
      const admin = await userCtx(db, { role: "admin" });
      const { providers } = await getSystemStatus({ ctx: admin });
      const byId = Object.fromEntries(providers.map((p) => [p.id, p]));
      expect(byId.openai).toMatchObject({ configured: true, circuit: "closed" });
      expect(byId.openai!.models).toBeGreaterThan(0);
      expect(byId.openai!.setup).toBeUndefined();
      expect(byId.anthropic).toMatchObject({ configured: true, circuit: "closed" });
      expect(byId.google).toMatchObject({ configured: false, models: 0 });
    },
  );

  dbTest(
    "a catalogue read that hangs fails the status within the health timeout",
    async ({ db }) => {
      const admin = await userCtx(db, { role: "admin" });
      const hanging = new Promise<never>(() => {});
      const ai = { ...admin.ai, catalogue: { ...admin.ai.catalogue, all: () => hanging } };
      const started = performance.now();
      await expect(getSystemStatus({ ctx: { ...admin, ai } as typeof admin })).rejects.toThrow(
        /timed out/,
      );
      expect(performance.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 1_000);
    },
  );

  dbTest("an unreachable database is reported as an error, without its address", async ({ db }) => {
    const admin = await userCtx(db, { role: "admin" });
    const dead = openPostgres({
      url: "postgres://postgres@127.0.0.1:1/nowhere",
      poolMax: 1,
      idleTimeoutSeconds: 1,
      maxLifetimeSeconds: 0,
      connectTimeoutSeconds: 1,
    });
    try {
      const status = await getSystemStatus({ ctx: { ...admin, db: dead.db } });
      expect(status.database).toEqual({ status: "error", engine: expect.any(String) });
      expect(JSON.stringify(status.database)).not.toContain("127.0.0.1");
    } finally {
      await dead.close();
    }
  });
});
