import { beforeAll, describe, expect } from "vitest";
import { aiBudgets, aiRequests, projectMembers, projects } from "@/db/schema";
import { costOf, DEFAULT_MODELS } from "@/lib/ai/catalogue";
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

  routerTest(
    "a concurrent burst reserves before the call: it overshoots a cap by at most one request's estimate",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      const model = DEFAULT_MODELS.find((m) => m.id === "gpt-4o-mini")!;
      // What each request may cost at most: its prompt ("burst n", 2 tokens) and 100 output tokens.
      const estimate = costOf(model, 2, 100);
      const limitUsd = 2.5 * estimate;
      await db
        .insert(aiBudgets)
        .values({ scope: "user", subjectId: ctx.actor.userId, period: "day", limitUsd });
      router.budgets.invalidate();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          router.complete(
            fresh(ctx),
            ask(`burst ${i}`, { model: "gpt-4o-mini", maxOutputTokens: 100, cache: "bypass" }),
          ),
        ),
      );
      const served = outcomes.filter((o) => o.status === "fulfilled");
      const refused = outcomes.filter((o) => o.status === "rejected");
      // Checked and reserved with no await in between: 0, 1 and 2 estimates held are under
      // 2.5; the fourth would hold 3. Checked without reserving, all ten would pass.
      expect(served).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "limit_exceeded" });
      const spent = served.reduce((n, o) => n + o.value.costUsd, 0);
      expect(spent).toBeLessThanOrEqual(limitUsd + estimate);
      // Settled requests release their hold: the real (smaller) costs are what count now.
      expect((await router.complete(fresh(ctx), ask("after the burst"))).text).toBe(
        "echo: after the burst",
      );
    },
  );
});
