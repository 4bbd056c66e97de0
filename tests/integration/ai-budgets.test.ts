import { beforeAll, describe, expect } from "vitest";
import { aiBudgets, aiRequests, projectMembers, projects } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, fresh, rows } from "../helpers/router-calls";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

describe("budgets", () => {
  routerTest(
    "over a user's daily cap → 429 limit_exceeded with a clear message and a ledger row; under it → served",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      const userId = ctx.actor.userId;
      await db
        .insert(aiBudgets)
        .values({ scope: "user", subjectId: userId, period: "day", limitUsd: 0.01 });
      router.budgets.invalidate();
      expect((await router.complete(fresh(ctx), ask("under the cap"))).text).toBe(
        "echo: under the cap",
      );
      await db.insert(aiRequests).values({
        userId,
        taskType: "chat",
        costUsd: 0.02,
        latencyMs: 1,
        status: "ok",
        source: "api",
      });
      // Spend written by another process: counters re-read it in the background every few
      // seconds; invalidate() makes this one read it now.
      router.budgets.invalidate();
      const c = fresh(ctx);
      const err = (await router
        .complete(c, ask("over the cap"))
        .catch((e: unknown) => e)) as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe("limit_exceeded");
      expect(err.status).toBe(429);
      expect(err.message).toMatch(/daily AI budget of \$0\.01 is used up/);
      expect(err.details?.budget).toMatchObject({ scope: "user", period: "day", limitUsd: 0.01 });
      expect((await rows(router, db, c.requestId))[0]).toMatchObject({
        status: "error",
        errorClass: "budget_exceeded",
      });
    },
  );

  routerTest(
    "a project's cap with onExceed=downgrade routes to the cheapest model instead of refusing",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      const [p] = await db
        .insert(projects)
        .values({ name: "capped", createdBy: ctx.actor.userId })
        .returning();
      await db
        .insert(projectMembers)
        .values({ projectId: p!.id, userId: ctx.actor.userId, role: "owner" });
      await db.insert(aiBudgets).values({
        scope: "project",
        subjectId: p!.id,
        period: "month",
        limitUsd: 0,
        onExceed: "downgrade",
      });
      router.budgets.invalidate();
      const r = await router.complete(
        fresh(ctx),
        ask("Refactor this TypeScript function to be faster", { projectId: p!.id }),
      );
      expect(r.decision.taskType).toBe("code");
      expect(r.decision.model).toBe("gpt-4o-mini"); // code would normally go to claude-3-5-sonnet-latest
      expect(r.decision.reason).toMatch(/monthly AI budget .* Downgraded to the cheapest model/);
    },
  );

  routerTest("spend still queued in the ledger counts against the cap", async ({ db, install }) => {
    const router = await install(fake);
    const ctx = await userCtx(db);
    await db
      .insert(aiBudgets)
      .values({ scope: "user", subjectId: ctx.actor.userId, period: "month", limitUsd: 0.000001 });
    router.budgets.invalidate();
    await router.complete(
      fresh(ctx),
      ask("Explain the trade-offs of these approaches in detail please", { taskType: "analysis" }),
    );
    expect(router.ledger.pending).toBeGreaterThan(0);
    await expect(router.complete(fresh(ctx), ask("one more"))).rejects.toMatchObject({
      code: "limit_exceeded",
    });
  });
});
